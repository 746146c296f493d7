def average(numbers):
    if not numbers:
        raise ValueError("cannot average an empty list")
    return sum(numbers) // len(numbers)
