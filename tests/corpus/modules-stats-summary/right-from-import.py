from statistics import mean, median, stdev

values = [float(x) for x in input().split()]
print(f"mean {mean(values)}")
print(f"median {median(values)}")
print(f"stdev {stdev(values):.4f}")
