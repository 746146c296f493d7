def batches(items, size):
    for i in range(0, len(items), size):
        yield items[i:i + size]


size = int(input())
words = input().split()
for k, batch in enumerate(batches(words, size), start=1):
    print(f"batch {k}: {batch}")
