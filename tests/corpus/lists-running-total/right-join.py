numbers = [int(part) for part in input().split()]
totals = []
for i in range(len(numbers)):
    totals.append(sum(numbers[: i + 1]))
print(" ".join(map(str, totals)))
