colors = ["red", "green"]
colors.remove("green")
print(colors)
colors.remove("blue")
