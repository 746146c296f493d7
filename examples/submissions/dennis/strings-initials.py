name = input()
while True:
    initials = name[0]
