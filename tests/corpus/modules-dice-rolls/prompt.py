import random

n = int(input("How many rolls? "))
total = 0
for k in range(1, n + 1):
    roll = random.randint(1, 6)
    print("roll " + str(k) + ": " + str(roll))
    total += roll
print("total " + str(total))
