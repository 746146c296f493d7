def risky():
    return 1 / 0


try:
    risky()
except ZeroDivisionError:
    print("handling the error...")
    log = []
    print(log[0])
