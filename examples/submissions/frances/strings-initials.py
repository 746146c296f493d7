name = input()
parts = []
while True:
    parts.append(name * 100000)
