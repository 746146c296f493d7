while True:
    try:
        line = input()
    except EOFError:
        break
    a, b = line.split()
    try:
        print(float(a) / float(b))
    except ZeroDivisionError:
        print("undefined")
    except ValueError:
        print("invalid")
