def find_evens(numbers):
    evens = [n for n in numbers if n % 2 == 0]
    if evens:
        return evens


print(find_evens([1, 2, 4]))
for n in find_evens([1, 3]):
    print(n)
