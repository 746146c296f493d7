name = input()
print("".join(word[0].upper() + "." for word in name.split()))
