def clamp(value, low, high):
    if low > high:
        raise ValueError(f"bad range: {low} > {high}")
    return max(low, min(value, high))
