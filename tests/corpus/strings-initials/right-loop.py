name = input()
result = ""
for part in name.split():
    result = result + part[0].upper() + "."
print(result)
