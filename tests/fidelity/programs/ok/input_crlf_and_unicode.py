# Lines keep a carriage return (CPython on Linux does not translate it); unicode input
first = input("first: ")
second = input("second: ")
print(repr(first), repr(second), len(first))
word = input()
print(word.upper(), word[::-1], len(word))
