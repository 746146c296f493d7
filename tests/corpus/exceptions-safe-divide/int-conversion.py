while True:
    try:
        line = input()
    except EOFError:
        break
    a, b = line.split()
    try:
        print(round(int(a) / int(b), 2))
    except ZeroDivisionError:
        print("undefined")
    except ValueError:
        print("invalid")
