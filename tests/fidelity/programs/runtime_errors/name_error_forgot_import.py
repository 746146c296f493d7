values = [16, 25]
for value in values:
    print(math.sqrt(value))
