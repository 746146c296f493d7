numbers = [int(part) for part in input().split()]
totals = [0]
for n in numbers:
    totals.append(totals[-1] + n)
print(" ".join(str(t) for t in totals))
