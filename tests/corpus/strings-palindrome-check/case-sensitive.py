text = input()
letters = ""
for ch in text:
    if ch.isalnum():
        letters += ch
if letters == letters[::-1]:
    print("yes")
else:
    print("no")
