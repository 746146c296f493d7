def clamp(value, low, high):
    if low >= high:
        raise ValueError("invalid range")
    return max(low, min(value, high))
