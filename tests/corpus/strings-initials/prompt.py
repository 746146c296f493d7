name = input("Enter your full name: ")
print("".join(w[0].upper() + "." for w in name.split()))
