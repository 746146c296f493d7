def load():
    print("loading")


squares = [n * n for n in load()]
