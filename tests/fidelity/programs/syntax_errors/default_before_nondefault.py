def power(base=2, exponent):
    return base ** exponent
