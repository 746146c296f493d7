name = input()
initials = ""
for word in name.split():
    initials += word[0].upper() + "."
print(initials)
