values = [1, 2]
del 5
