# With PYTHONHASHSEED=0 the iteration order of string sets is fixed, so output is stable
fruits = {"apple", "banana", "cherry", "date", "elderberry", "fig", "grape"}
print(fruits)
print(list(fruits)[:3], "-".join(fruits))
print({"x", "y", "z"} | {"w"}, set("hello world"), frozenset({"aa", "bb", "cc"}))
print(hash("apple"), hash("apple") == hash("apple"), hash(b"bytes"), hash(("tuple", 1)))
words = "the quick brown fox jumps over the lazy dog".split()
print(set(words), len(set(words)))
print({w: len(w) for w in set(words)})
letters = set()
for w in words:
    letters |= set(w)
print("".join(letters), sorted(letters) == sorted(set("".join(words))))
