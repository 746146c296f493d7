def clamp(value, low, high):
    if low > high:
        raise ValueError("low is bigger than high")
    if low < value < high:
        return value
    elif value < low:
        return low
    else:
        return high
