def average(numbers):
    if numbers == []:
        return "Error: the list is empty"
    return sum(numbers) / len(numbers)
