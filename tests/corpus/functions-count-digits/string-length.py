def count_digits(n):
    digits = str(n)
    return len(digits)
