total = 0
for price in [3, 4, 5]:
    total += price
print("computing the average...")
average = totl / 3
print(average)
