grid = [[1, 2, 3], [4, 5], [7, 8, 9]]
print([sum(row) for row in grid])
print([[row[i] for row in grid] for i in range(3)])
