def second_largest(numbers):
    distinct = sorted(set(numbers))
    return distinct[-2]
