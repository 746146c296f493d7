name = input()
for word in name.split():
    print(word[0].upper(), ".", end="")
print()
