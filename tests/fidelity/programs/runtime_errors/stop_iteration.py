letters = iter("ab")
print(next(letters))
print(next(letters))
print(next(letters))
