strings = ["a", "b"]
print(", ".join(string))
