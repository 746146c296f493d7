# Calls that unpack with * and **: results, and the errors CPython words for each.
def area(width, height=2):
    return width * height


print(area(*[3]), area(**{"width": 3, "height": 5}), max(*[3, 9, 4]))
for call in (
    lambda: area(*5),
    lambda: print(*5),
    lambda: area(**[1, 2]),
    lambda: area(width=1, **{"width": 2}),
    lambda: area(*[1, 2, 3]),
):
    try:
        call()
    except TypeError as error:
        print(error)
