word = "cat"
print(word[0], word[2])
print(word[3])
