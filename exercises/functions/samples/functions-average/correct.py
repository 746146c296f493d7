def average(numbers):
    if not numbers:
        raise ValueError("no numbers")
    total = 0
    for number in numbers:
        total += number
    return total / len(numbers)
