text = input().lower()
if text == text[::-1]:
    print("yes")
else:
    print("no")
