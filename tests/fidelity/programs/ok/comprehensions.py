nums = list(range(1, 11))
print([n * n for n in nums])
print([n for n in nums if n % 3 == 0])
print([(x, y) for x in range(3) for y in range(x)])
print([[r * c for c in range(1, 4)] for r in range(1, 4)])
print({w: len(w) for w in ["hi", "hello", "hey"]})
print({c.lower() for c in "Hello World" if c.isalpha()} == set("helowrd"))
print(sum(n for n in nums if n % 2))
print(max(len(w) for w in "a bb ccc".split()))
print(["even" if n % 2 == 0 else "odd" for n in range(4)])
flat = [x for row in [[1, 2], [3], [], [4, 5]] for x in row]
print(flat)
gen = (n ** 2 for n in range(4))
print(next(gen), list(gen), list(gen))
values = [3, -1, 4, -1, 5, -9]
print([abs(v) for v in values if v < 0], any(v > 4 for v in values), all(v != 0 for v in values))
if (n := len(values)) > 5:
    print(f"long list with {n} items")
print([y for x in range(6) if (y := x * x) % 2 == 0])
print(dict(sorted({"b": 2, "a": 1}.items())))
print([i for i, ch in enumerate("banana") if ch == "a"])
matrix = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
print([row[i] for i, row in enumerate(matrix)], [[row[i] for row in matrix] for i in range(3)])
print({k: [v for v in range(k)] for k in range(4)})
