text = "it's"
words = text.split(
    ",",
    1
print(words)
