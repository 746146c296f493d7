def letter(score):
    if score >= 90:
        return "A"
    elif score >= 80:
        return "B"
    elif score >= 70:
        return "C"
    elif score >= 60:
        return "D"
    return "F"


n = int(input("How many students? "))
students = []
for i in range(n):
    line = input(f"Student {i + 1} (name score): ")
    name, score = line.split()
    students.append((name, int(score)))
print()
print(f"{'Name':<10}{'Score':>6}{'Grade':>7}")
print("=" * 23)
for name, score in sorted(students, key=lambda s: (-s[1], s[0])):
    print(f"{name:<10}{score:>6}{letter(score):>7}")
scores = [s for _, s in students]
print("=" * 23)
print(f"Average: {sum(scores) / len(scores):.2f}")
print(f"Highest: {max(students, key=lambda s: s[1])[0]}")
passed = [name for name, score in students if score >= 60]
print(f"Passed: {', '.join(passed)} ({len(passed)}/{n})")
histogram = {}
for _, score in students:
    histogram[letter(score)] = histogram.get(letter(score), 0) + 1
for grade in "ABCDF":
    print(grade, "*" * histogram.get(grade, 0))
