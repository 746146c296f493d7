fruits = ["apple", "banana", "cherry"]
for i in range(len(fruits) + 1):
    print(i, fruits[i])
