text = input()
cleaned = "".join(ch.lower() for ch in text if ch.isalnum())
print(cleaned == cleaned[::-1])
