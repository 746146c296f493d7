# A handful of classic first-week exercises
def is_leap(year):
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def to_roman(n):
    numerals = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for value, letters in numerals:
        while n >= value:
            out += letters
            n -= value
    return out


def to_binary(n):
    if n == 0:
        return "0"
    digits = []
    while n:
        digits.append(str(n % 2))
        n //= 2
    return "".join(reversed(digits))


def bubble_sort(items):
    items = list(items)
    for i in range(len(items)):
        for j in range(len(items) - 1 - i):
            if items[j] > items[j + 1]:
                items[j], items[j + 1] = items[j + 1], items[j]
    return items


def anagram_groups(words):
    groups = {}
    for w in words:
        groups.setdefault("".join(sorted(w)), []).append(w)
    return [g for g in groups.values() if len(g) > 1]


print([y for y in range(1896, 1920) if is_leap(y)], is_leap(1900), is_leap(2000))
print([to_roman(n) for n in (1, 4, 9, 14, 40, 90, 400, 1994, 2024, 3999)])
print([to_binary(n) for n in range(9)], to_binary(255) == bin(255)[2:])
print(bubble_sort([5, 2, 9, 1, 5, 6]), bubble_sort("python"))
print(anagram_groups(["listen", "silent", "enlist", "google", "elgoog", "cat", "act", "dog"]))
for i in range(1, 6):
    print(" " * (5 - i) + "*" * (2 * i - 1))
for row in range(1, 4):
    print(" ".join(f"{row * col:3d}" for col in range(1, 6)))
celsius = [-40, 0, 37, 100]
for c in celsius:
    print(f"{c:>5}°C = {c * 9 / 5 + 32:>6.1f}°F")
vowels = "aeiou"
sentence = "Programming in Python is fun"
print({v: sentence.lower().count(v) for v in vowels})
n = 12
factorial = 1
for k in range(2, n + 1):
    factorial *= k
print(f"{n}! = {factorial:,}")
print("".join(c.upper() if i % 2 else c.lower() for i, c in enumerate("alternating caps")))
