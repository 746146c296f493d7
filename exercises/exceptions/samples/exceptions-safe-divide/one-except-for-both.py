while True:
    try:
        line = input()
    except EOFError:
        break
    a, b = line.split()
    try:
        print(round(float(a) / float(b), 2))
    except Exception:
        print("invalid")
