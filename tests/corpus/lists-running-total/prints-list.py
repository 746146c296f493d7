numbers = [int(part) for part in input().split()]
totals = []
total = 0
for n in numbers:
    total += n
    totals.append(total)
print(totals)
