x = 10


def show():
    print(x)
    global x
    x = 5
