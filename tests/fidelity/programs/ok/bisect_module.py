import bisect


def grade(score, breakpoints=(60, 70, 80, 90), grades="FDCBA"):
    return grades[bisect.bisect(breakpoints, score)]


print([grade(s) for s in [33, 99, 77, 70, 89, 90, 100]])
items = [1, 3, 3, 3, 7]
print(bisect.bisect_left(items, 3), bisect.bisect_right(items, 3), bisect.bisect(items, 8))
bisect.insort(items, 5)
bisect.insort_left(items, 0)
print(items)
names = []
for name in ["mia", "al", "zoe", "bea"]:
    bisect.insort(names, name)
print(names, bisect.bisect_left(names, "bea"))
scores = [(80, "x"), (90, "y")]
print(bisect.bisect(scores, (85, "")), bisect.bisect_left([10, 20, 30], 25, key=None))
