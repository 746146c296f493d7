def average(numbers):
    if not numbers:
        raise Exception("empty list")
    return sum(numbers) / len(numbers)
