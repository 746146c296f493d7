import random

n = int(input())
rolls = [random.randint(1, 6) for _ in range(n)]
print(rolls)
for k, roll in enumerate(rolls, start=1):
    print(f"roll {k}: {roll}")
print(f"total {sum(rolls)}")
