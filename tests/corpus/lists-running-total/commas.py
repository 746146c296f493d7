numbers = [int(part) for part in input().split()]
running = 0
totals = []
for n in numbers:
    running += n
    totals.append(str(running))
print(", ".join(totals))
