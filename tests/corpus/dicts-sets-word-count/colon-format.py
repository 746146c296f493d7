counts = {}
while True:
    try:
        line = input()
    except EOFError:
        break
    for word in line.lower().split():
        if word in counts:
            counts[word] += 1
        else:
            counts[word] = 1
for word in counts:
    print(f"{word}: {counts[word]}")
