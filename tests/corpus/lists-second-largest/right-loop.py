def second_largest(numbers):
    largest = None
    second = None
    for n in numbers:
        if largest is None or n > largest:
            if largest is not None:
                second = largest
            largest = n
        elif n != largest and (second is None or n > second):
            second = n
    if second is None:
        raise ValueError("fewer than two distinct values")
    return second
