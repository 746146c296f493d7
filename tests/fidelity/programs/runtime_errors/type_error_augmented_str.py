total = 0
for value in ["1", "2"]:
    total += value
