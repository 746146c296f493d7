while True:
    try:
        line = input()
    except EOFError:
        break
    a, b = line.split()
    if b == "0":
        print("undefined")
        continue
    try:
        print(round(float(a) / float(b), 2))
    except ValueError:
        print("invalid")
