def second_largest(numbers):
    if len(numbers) < 2:
        raise ValueError("need two numbers")
    return sorted(numbers)[-2]
