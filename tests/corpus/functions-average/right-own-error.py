class EmptyListError(ValueError):
    pass


def average(numbers):
    if len(numbers) == 0:
        raise EmptyListError("no numbers to average")
    total = 0
    for n in numbers:
        total += n
    return total / len(numbers)
