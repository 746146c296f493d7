value = 3.14159
print(f"{value:.2f")
