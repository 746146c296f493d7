name = input("Name: ")
print("Hi", name)
age = input("Age: ")
