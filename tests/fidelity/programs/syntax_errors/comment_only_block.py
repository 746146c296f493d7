for i in range(3):
    # TODO: print the square
