count = input("How many? ")
total = 10 + count
print(total)
