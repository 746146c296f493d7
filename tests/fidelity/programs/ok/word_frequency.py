text = """It was the best of times, it was the worst of times, it was the age of
wisdom, it was the age of foolishness, it was the epoch of belief, it was the
epoch of incredulity"""

counts = {}
for raw in text.split():
    word = raw.strip(",.").lower()
    counts[word] = counts.get(word, 0) + 1

print(len(counts), "distinct words")
for word, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:6]:
    print(f"{word:<12}{n:>3} {'#' * n}")

letters = {}
for ch in text.lower():
    if ch.isalpha():
        letters[ch] = letters.get(ch, 0) + 1
top = max(letters, key=letters.get)
print("most common letter:", top, letters[top])
print(sorted(letters)[:5], sorted(letters, key=letters.get, reverse=True)[:5])
lengths = {}
for word in counts:
    lengths.setdefault(len(word), []).append(word)
for length in sorted(lengths):
    print(length, sorted(lengths[length]))
