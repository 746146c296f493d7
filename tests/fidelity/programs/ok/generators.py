def fibonacci(limit):
    a, b = 0, 1
    while a < limit:
        yield a
        a, b = b, a + b


def countdown(n):
    print("starting")
    while n > 0:
        yield n
        n -= 1
    print("finished")


def chain(*iterables):
    for it in iterables:
        yield from it


def running_average():
    total, count, average = 0, 0, None
    while True:
        value = yield average
        total += value
        count += 1
        average = total / count


def naturals():
    n = 1
    while True:
        yield n
        n += 1


def with_return():
    yield 1
    return "result"


print(list(fibonacci(100)))
gen = countdown(3)
print(gen.__class__.__name__)
for value in gen:
    print("got", value)
print(list(chain("ab", [1, 2], range(3))))
avg = running_average()
next(avg)
for v in [10, 20, 60]:
    print(avg.send(v))
squares = (n * n for n in naturals())
print([next(squares) for _ in range(5)])
evens = (n for n in naturals() if n % 2 == 0)
for n in evens:
    if n > 10:
        break
    print(n, end=",")
print()
g = with_return()
print(next(g))
try:
    next(g)
except StopIteration as stop:
    print("returned", stop.value)


def pipeline(lines):
    stripped = (line.strip() for line in lines)
    nonempty = (line for line in stripped if line)
    return (line.upper() for line in nonempty)


print(list(pipeline(["  a ", "", " b", "   "])))
gen2 = fibonacci(10)
print(next(gen2), next(gen2), sum(gen2))
closing = countdown(5)
print(next(closing))
closing.close()
print("closed")
