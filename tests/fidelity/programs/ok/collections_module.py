from collections import ChainMap, Counter, OrderedDict, defaultdict, deque, namedtuple

words = "the cat and the hat and the bat".split()
c = Counter(words)
print(c)
print(c.most_common(2), c["the"], c["dog"], len(c), sum(c.values()))
c.update(["cat", "cat"])
c["hat"] -= 1
print(c.most_common(3), list(c.elements())[:5])
print(Counter("abracadabra"), Counter(a=3, b=1) + Counter(a=1, c=2), Counter(a=3) - Counter(a=1))
groups = defaultdict(list)
for w in words:
    groups[len(w)].append(w)
print(groups, dict(groups), groups[9])
tally = defaultdict(int)
for ch in "hello":
    tally[ch] += 1
print(dict(tally))
nested = defaultdict(lambda: defaultdict(int))
nested["a"]["x"] += 1
print({k: dict(v) for k, v in nested.items()})
d = deque([1, 2, 3])
d.append(4)
d.appendleft(0)
print(d, d.pop(), d.popleft(), d)
d.rotate(1)
print(d, list(d), d[0], len(d))
last = deque(maxlen=3)
for i in range(6):
    last.append(i)
print(last)
Point = namedtuple("Point", ["x", "y"])
p = Point(1, 2)
print(p, p.x, p[1], p._asdict(), p._replace(x=5), Point._fields, Point._make([7, 8]))
x, y = p
print(x + y, p == (1, 2), isinstance(p, tuple))
Card = namedtuple("Card", "rank suit", defaults=["hearts"])
print(Card("A"), Card(10, "spades"))
od = OrderedDict()
od["b"] = 1
od["a"] = 2
od.move_to_end("b")
print(od, list(od.keys()), od.popitem(last=False))
cm = ChainMap({"color": "red"}, {"color": "blue", "size": "L"})
print(cm["color"], cm["size"], len(cm), dict(cm))
