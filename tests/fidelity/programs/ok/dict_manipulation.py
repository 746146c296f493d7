ages = {"alice": 31, "bob": 25}
ages["carol"] = 28
ages["bob"] += 1
print(ages, len(ages))
print(ages["alice"], ages.get("dave"), ages.get("dave", 0))
print(list(ages.keys()), list(ages.values()), list(ages.items()))
for name, age in ages.items():
    print(f"{name} is {age}")
print("alice" in ages, 31 in ages, 31 in ages.values())
ages.update({"dave": 40, "alice": 32})
print(ages)
print(ages.pop("dave"), ages.pop("zed", "missing"), ages)
print(ages.setdefault("erin", 22), ages.setdefault("alice", 0))
del ages["erin"]
print(ages)
squares = {n: n * n for n in range(6) if n % 2 == 0}
print(squares)
inverted = {v: k for k, v in squares.items()}
print(inverted)
inventory = {"apples": {"count": 3, "price": 0.5}, "pears": {"count": 0, "price": 0.75}}
inventory["apples"]["count"] += 2
for fruit, info in sorted(inventory.items()):
    print(fruit, info["count"] * info["price"])
merged = {**squares, 99: "x"} | {0: "zero"}
print(merged)
print(dict(zip("abc", [1, 2, 3])), dict([("k", "v")]), dict.fromkeys("xy", 0))
groups = {}
for word in ["apple", "avocado", "banana", "blueberry", "cherry"]:
    groups.setdefault(word[0], []).append(word)
print(groups)
print(sorted(ages, key=ages.get), max(ages, key=lambda k: ages[k]))
counts = dict.fromkeys("abc", 0)
for ch in "abacab":
    counts[ch] += 1
print(counts, sum(counts.values()))
print({1: "a", True: "b", 1.0: "c"})
print(ages.popitem(), ages)
