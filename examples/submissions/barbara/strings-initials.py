name = input()
print("".join(w[0].upper() + "." for w in name.split(" ")))
