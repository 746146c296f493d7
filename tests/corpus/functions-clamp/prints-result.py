def clamp(value, low, high):
    if low > high:
        raise ValueError("low > high")
    if value < low:
        print(low)
    elif value > high:
        print(high)
    else:
        print(value)
