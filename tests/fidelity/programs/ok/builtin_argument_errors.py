# Wrong calls of builtins: the messages are CPython's own, whatever stands behind the name.
calls = [
    lambda: iter(),
    lambda: iter([1], 2, 3),
    lambda: iter([1], x=1),
    lambda: pow(),
    lambda: pow(2),
    lambda: pow(1, 2, 3, 4),
    lambda: pow(2, 3, foo=1),
    lambda: pow(2, base=3),
    lambda: format(),
    lambda: format(1, "", 3),
    lambda: sum(),
    lambda: sum([1], 2, 3),
    lambda: sum(iterable=[1]),
    lambda: sum([1], foo=2),
    lambda: getattr(1),
    lambda: getattr(1, "real", 3, 4),
    lambda: setattr(1, "x"),
    lambda: delattr(1),
    lambda: hasattr(5),
    lambda: hasattr(1, "a", x=1),
    lambda: dir(1, 2),
]
for call in calls:
    try:
        call()
    except TypeError as error:
        print(error)
print(pow(2, 10), pow(base=2, exp=3), sum([1, 2], start=10), sum([1, 2], 5), getattr(1, "real"))
