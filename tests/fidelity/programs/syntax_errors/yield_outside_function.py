numbers = [1, 2, 3]
yield numbers
