line = "Ada Lovelace"
print(line.split())
first, middle, last = line.split()
