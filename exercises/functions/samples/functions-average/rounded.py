def average(numbers):
    if len(numbers) == 0:
        raise ValueError("empty list")
    return round(sum(numbers) / len(numbers), 2)
