import itertools


def read_records(lines):
    for number, line in enumerate(lines, 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, _, score = line.partition(":")
        yield number, name.strip(), int(score)


def above(records, threshold):
    return ((n, name, score) for n, name, score in records if score >= threshold)


def batched(iterable, size):
    it = iter(iterable)
    while batch := list(itertools.islice(it, size)):
        yield batch


def primes():
    found = []
    for candidate in itertools.count(2):
        if all(candidate % p for p in found if p * p <= candidate):
            found.append(candidate)
            yield candidate


lines = ["# scores", "ann: 91", "", "bob: 78", "cy: 85", "dee: 99", "eve: 60"]
good = list(above(read_records(lines), 80))
print(good)
print(list(batched(range(10), 4)))
print(list(itertools.islice(primes(), 15)))
gen = (x * x for x in range(5))
print(sum(gen), sum(gen))
print(dict(zip("abc", itertools.count(1))), list(itertools.accumulate(range(1, 6), lambda a, b: a * b)))


def echo():
    received = []
    try:
        while True:
            value = yield len(received)
            received.append(value)
    except GeneratorExit:
        print("closing with", received)


e = echo()
next(e)
print(e.send("a"), e.send("b"))
e.close()


def countdown(n):
    try:
        while n:
            yield n
            n -= 1
    finally:
        print("countdown cleanup")


for value in countdown(3):
    print(value)
    if value == 2:
        break
print("after loop")
g = countdown(2)
print(next(g))
try:
    g.throw(ValueError("stop"))
except ValueError as error:
    print("thrown:", error)
