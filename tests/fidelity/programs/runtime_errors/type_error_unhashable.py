seen = {}
point = [1, 2]
print("storing", point)
seen[point] = "visited"
