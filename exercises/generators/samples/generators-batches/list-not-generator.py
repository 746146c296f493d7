def batches(items, size):
    result = []
    for i in range(0, len(items), size):
        result.append(items[i:i + size])
    return result

size = int(input())
words = input().split()
for k, batch in enumerate(batches(words, size), 1):
    print(f"batch {k}: {' '.join(batch)}")
