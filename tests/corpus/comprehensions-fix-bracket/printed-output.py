print([9, 8, 9])
print(9)
