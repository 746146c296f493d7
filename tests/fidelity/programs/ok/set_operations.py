a = {1, 2, 3, 4}
b = {3, 4, 5, 6}
print(a | b, a & b, a - b, b - a, a ^ b)
print(a.union(b), a.intersection(b), a.difference(b), a.symmetric_difference(b))
print({1, 2} <= a, {1, 2}.issubset(a), a.issuperset({1}), a.isdisjoint({9}))
a.add(10)
a.discard(1)
a.discard(99)
a.remove(2)
print(sorted(a), len(a), 3 in a)
words = ["apple", "banana", "apple", "cherry", "banana", "date"]
unique = set(words)
print(sorted(unique), len(unique))
print(unique)
print({"kiwi", "fig", "plum", "lime", "pear"})
print(set("mississippi"), frozenset("aab"))
seen = set()
duplicates = []
for w in words:
    if w in seen:
        duplicates.append(w)
    seen.add(w)
print(duplicates)
evens = {n for n in range(10) if n % 2 == 0}
print(evens, set(), type(set()).__name__)
print(hash("grader"), hash(("a", 1)), hash(42), hash(1.5))
print(list({"x": 1, "y": 2}), {frozenset({1, 2}): "pair"})
