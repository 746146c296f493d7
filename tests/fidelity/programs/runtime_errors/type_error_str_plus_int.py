age = 20
print("You are " + str(age) + " years old")
print("Next year you will be " + age + 1)
