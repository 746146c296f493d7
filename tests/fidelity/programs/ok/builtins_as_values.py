# Builtins are values too: beginners print them by accident, experts pass them around
print(print, input, len, range, type, sum, pow, abs)
print(type(print).__name__, type(len).__name__, type(range(3)).__name__, type(range) is type)
print(isinstance(range(3), range), type(range(5)) is range, isinstance(range, type))
print(callable(print), callable(input), print.__name__, input.__name__, range.__name__)
show = print
show("printed through an alias", sep="")
ask = input
print(repr(ask("prompt> ")))
converters = [int, float, str, bool]
print([c("1") for c in converters], [c.__name__ for c in converters])
print(list(map(abs, [-1, 2, -3])), max([3, 1, 2], key=abs), sorted(["b", "A"], key=str.lower))
