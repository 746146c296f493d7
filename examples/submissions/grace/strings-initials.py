name = input()
print("".join(w[0] + "." for w in name.split()))
