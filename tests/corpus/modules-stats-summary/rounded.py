import statistics

values = [float(part) for part in input().split()]
print("mean", round(statistics.mean(values), 2))
print("median", round(statistics.median(values), 2))
print("stdev", round(statistics.stdev(values), 2))
