from operator import itemgetter

words = ["banana", "Apple", "cherry", "date", "Elderberry", "fig"]
print(sorted(words))
print(sorted(words, key=str.lower))
print(sorted(words, key=len))
print(sorted(words, key=lambda w: (len(w), w.lower())))
print(sorted(words, key=len, reverse=True))
students = [("alice", 88, 20), ("bob", 95, 22), ("carol", 88, 19), ("dave", 72, 22)]
print(sorted(students, key=itemgetter(1)))
print(sorted(students, key=lambda s: (-s[1], s[0])))
print(sorted(students, key=itemgetter(2, 0)))
by_score = sorted(students, key=lambda s: s[1], reverse=True)
for rank, (name, score, age) in enumerate(by_score, start=1):
    print(f"{rank}. {name:<6} {score:>3} ({age})")
records = [{"name": "x", "price": 3.5}, {"name": "y", "price": 1.25}, {"name": "z", "price": 2.0}]
records.sort(key=lambda r: r["price"])
print([r["name"] for r in records])
print(min(records, key=lambda r: r["price"])["name"], max(students, key=itemgetter(1))[0])
pairs = [(1, "b"), (1, "a"), (0, "c")]
print(sorted(pairs), sorted(pairs, key=itemgetter(0)))
print(sorted("hello"), "".join(sorted("hello", reverse=True)))
print(sorted({3: "c", 1: "a", 2: "b"}.items(), key=lambda kv: kv[1], reverse=True))
nums = [10, -3, 5, -8, 0]
print(sorted(nums, key=abs), sorted(nums, key=lambda n: (n < 0, n)))
print(list(reversed(sorted(nums))), sorted(map(str, nums)))
