name = "world"
print(f"hello, {name}")
