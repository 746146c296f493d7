counts = {}
while True:
    try:
        line = input()
    except EOFError:
        break
    for word in line.split():
        word = word.lower()
        counts[word] = counts.get(word, 0) + 1
for word in sorted(counts):
    print(f"{word} {counts[word]}")
