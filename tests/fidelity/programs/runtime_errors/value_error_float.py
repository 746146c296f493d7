prices = ["3.50", "2,75"]
total = 0.0
for p in prices:
    total += float(p)
    print("running total", total)
