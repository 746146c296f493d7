def average(numbers):
    if not numbers:
        raise ValueError("empty")
    return sum(numbers) / len(numbers)
