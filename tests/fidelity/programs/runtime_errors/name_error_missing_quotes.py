greeting = "Hello"
print(greeting)
name = input("Name? ")
if name == Ada:
    print("Welcome back, Ada")
