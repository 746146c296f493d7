counts = {}
for word in "the cat saw the dog".split():
    counts[word] += 1
