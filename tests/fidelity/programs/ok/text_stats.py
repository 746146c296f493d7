lines = []
while True:
    try:
        lines.append(input())
    except EOFError:
        break
words = [w.strip(".,;:!?\"'()").lower() for line in lines for w in line.split()]
words = [w for w in words if w]
print("lines:", len(lines))
print("words:", len(words))
print("characters:", sum(len(line) for line in lines))
print("blank lines:", sum(1 for line in lines if not line.strip()))
longest = max(words, key=len)
print("longest word:", longest, len(longest))
freq = {}
for w in words:
    freq[w] = freq.get(w, 0) + 1
common = sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
for word, count in common:
    print(f"{word:>8}: {count}")
print("unique:", len(set(words)))
print("average word length: %.2f" % (sum(map(len, words)) / len(words)))
for number, line in enumerate(lines, 1):
    if "the" in line.lower().split():
        print(f"{number:3}: {line.strip()}")
