import random

n = int(input())
rolls = []
for k in range(1, n + 1):
    rolls.append(random.choice([1, 2, 3, 4, 5, 6]))
    print(f"roll {k}: {rolls[-1]}")
print(f"total {sum(rolls)}")
