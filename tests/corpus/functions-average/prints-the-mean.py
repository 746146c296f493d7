def average(numbers):
    if len(numbers) == 0:
        raise ValueError("empty list")
    print(sum(numbers) / len(numbers))
