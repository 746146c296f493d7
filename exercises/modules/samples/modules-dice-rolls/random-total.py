import random

n = int(input())
for k in range(1, n + 1):
    print(f"roll {k}: {random.randint(1, 6)}")
print(f"total {random.randint(n, 6 * n)}")
