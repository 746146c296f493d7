import random

n = int(input())
total = 0
for k in range(n):
    value = random.randint(1, 6)
    total += value
    print(f"roll {k}: {value}")
print("total", total)
