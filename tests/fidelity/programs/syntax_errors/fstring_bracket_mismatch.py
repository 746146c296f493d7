items = [1, 2]
print(f"{items[0}")
