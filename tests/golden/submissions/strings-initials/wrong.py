name = input()
print(name[0].upper() + ".")
