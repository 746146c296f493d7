values = [3, "10", 7]
print(len(values), "values")
print(sorted(values))
