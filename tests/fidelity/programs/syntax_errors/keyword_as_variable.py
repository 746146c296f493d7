class = "Math"
print(class)
