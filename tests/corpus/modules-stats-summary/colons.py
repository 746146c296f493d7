import statistics

values = [float(part) for part in input().split()]
print("mean:", statistics.mean(values))
print("median:", statistics.median(values))
print("stdev:", statistics.stdev(values))
