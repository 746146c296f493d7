while True:
    try:
        a, b = input().split()
    except EOFError:
        break
    try:
        result = float(a) / float(b)
    except ZeroDivisionError:
        print("undefined")
    except ValueError:
        print("invalid")
    else:
        print(f"{result:.2f}")
