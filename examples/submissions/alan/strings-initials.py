words = input().split()
initials = ""
for w in words:
    initials += w[0].upper() + "."
print(initials)
