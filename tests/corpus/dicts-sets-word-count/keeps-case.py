counts = {}
while True:
    try:
        line = input()
    except EOFError:
        break
    for word in line.split():
        counts[word] = counts.get(word, 0) + 1
for word, count in counts.items():
    print(word, count)
