def second_largest(numbers):
    numbers.sort()
    distinct = []
    for n in numbers:
        if n not in distinct:
            distinct.append(n)
    if len(distinct) < 2:
        raise ValueError("not enough distinct values")
    return distinct[-2]
