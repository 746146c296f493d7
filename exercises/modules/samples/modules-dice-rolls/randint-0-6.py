import random
n = int(input())
total = 0
for k in range(1, n + 1):
    roll = random.randint(0, 6)
    total += roll
    print(f"roll {k}: {roll}")
print(f"total {total}")
