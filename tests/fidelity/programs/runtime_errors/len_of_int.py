number = 12345
print("digits:", len(str(number)))
print("digits:", len(number))
