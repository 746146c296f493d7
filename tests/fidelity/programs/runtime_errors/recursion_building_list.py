def walk(items, i=0):
    if i == len(items):
        return []
    return [items[i] * 2] + walk(items, i + 1)


print(len(walk(list(range(500)))))
print(len(walk(list(range(5000)))))
