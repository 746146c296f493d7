def second_largest(numbers):
    unique = list(set(numbers))
    if len(unique) < 2:
        raise ValueError("fewer than two distinct values")
    return unique.sort()
