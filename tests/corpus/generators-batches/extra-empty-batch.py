def batches(items, size):
    start = 0
    while start <= len(items):
        yield items[start:start + size]
        start += size


size = int(input())
words = input().split()
number = 1
for batch in batches(words, size):
    print(f"batch {number}:", *batch)
    number += 1
