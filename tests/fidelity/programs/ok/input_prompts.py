# input() echoes its prompt on stdout and strips the newline
name = input("What is your name? ")
age = int(input("How old are you? "))
color = input()
print(f"Hello, {name}! Next year you will be {age + 1}.")
print("Favourite colour:", color.strip().lower())
more = input("Anything else? ")
print(repr(more))
