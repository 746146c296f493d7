name = input()
initials = ""
for word in name.split():
    initials += word[0] + "."
print(initials)
