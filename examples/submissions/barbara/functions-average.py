def average(numbers):
    if len(numbers) == 0:
        raise ValueError("empty")
    return sum(numbers) // len(numbers)
