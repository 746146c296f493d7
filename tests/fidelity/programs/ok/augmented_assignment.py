class Counter:
    total = 0

    def __init__(self):
        self.count = 0
        self._hidden = 10
        self.items = [1, 2, 3]
        self.stats = {"hits": 0}

    def hit(self, n=1):
        self.count += n
        self._hidden -= n
        self.stats["hits"] += 1
        self.items[0] *= 2
        Counter.total += n
        return self


c = Counter()
c.hit().hit(5)
print(c.count, c._hidden, c.stats, c.items, Counter.total)
c.count **= 2
c.count //= 5
c.count %= 4
c.name = "x"
c.name *= 3
c.name += "!"
print(c.count, c.name)
d = {"a": 1, "b": [1]}
d["a"] += 10
d["a"] -= 1
d["a"] *= 3
d["a"] /= 4
d["b"] += [2, 3]
d["b"] *= 2
d["c"] = "x"
d["c"] += "yz"
print(d)
grid = [[0] * 3 for _ in range(3)]
for i in range(3):
    grid[i][i] += 1
    grid[i][2 - i] += 2
print(grid)
bits = 0b1010
bits |= 0b0101
bits &= 0b1100
bits ^= 0b0110
bits <<= 3
bits >>= 1
print(bits, bin(bits))
s = {1, 2}
s |= {3}
s &= {2, 3, 4}
s -= {2}
s ^= {9}
print(s)
word = "ab"
word *= 3
word += "!"
t = (1,)
t += (2, 3)
print(word, t)
lst = [1]
alias = lst
lst += [2]
lst *= 2
print(lst, alias, lst is alias)
x = 7
x /= 2
print(x)
counts = {}
for ch in "hello world":
    counts[ch] = counts.get(ch, 0) + 1
    if ch == "o":
        counts[ch] += 100
print(counts)
obj = Counter()
obj.stats["hits"] += obj.items[1]
obj.items[-1] -= obj.stats["hits"]
print(obj.stats, obj.items)
nums = [5, 6, 7]
i = 0
nums[i] += 1
nums[i + 1] += nums[i]
print(nums)
