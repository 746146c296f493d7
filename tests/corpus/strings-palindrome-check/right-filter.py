text = input()
letters = [c.lower() for c in text if c.isalnum()]
if letters == letters[::-1]:
    print("YES")
else:
    print("NO")
