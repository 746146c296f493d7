for n in range(2, 30):
    for d in range(2, int(n**0.5) + 1):
        if n % d == 0:
            break
    else:
        print(n, end=" ")
print()
i = 0
while i < 10:
    i += 1
    if i % 2:
        continue
    if i > 8:
        break
    print("even", i)
else:
    print("while finished without break")
count = 3
while count:
    count -= 1
else:
    print("while-else ran, count =", count)
x = 15
label = "big" if x > 10 else "small"
print(label, "fizz" * (x % 3 == 0) + "buzz" * (x % 5 == 0) or x)
print(1 < x < 20, 1 < x > 20, x == 15 == 15.0, x is not None, not x, x and "yes", 0 or "default")
value = None
print(value is None, value == None, [] or {} or "last", "" and "never")  # noqa
for ch in "ab":
    for num in (1, 2):
        if num == 2:
            continue
        print(ch, num)
try:
    pass
finally:
    print("finally always runs")


def first_negative(items):
    for index, item in enumerate(items):
        if item < 0:
            return index
    return -1


print(first_negative([3, 5, -2, 7]), first_negative([1]))
n = 27
steps = 0
while n != 1:
    n = n // 2 if n % 2 == 0 else 3 * n + 1
    steps += 1
print("collatz steps:", steps)
assert steps == 111, "unexpected step count"
grid = [(r, c) for r in range(3) for c in range(3) if r != c]
print(grid)
