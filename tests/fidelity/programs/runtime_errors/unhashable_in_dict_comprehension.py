# A list cannot be a dict key: the comprehension fails where it adds the item.
rows = [[1, 2], [3, 4]]
index = {row: len(row) for row in rows}
