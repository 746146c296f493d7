numbers = [int(part) for part in input().split()]
total = 0
for n in numbers:
    total = total + n
    print(total)
