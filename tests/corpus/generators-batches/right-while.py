def batches(items, size):
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


size = int(input())
words = input().split()
k = 1
for batch in batches(words, size):
    print("batch " + str(k) + ": " + " ".join(batch))
    k += 1
