counts = {}
while True:
    try:
        line = input()
    except EOFError:
        break
    for word in line.lower().split():
        counts[word] = counts.get(word, 0) + 1
print(counts)
