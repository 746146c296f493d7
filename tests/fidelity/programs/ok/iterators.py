class Countdown:
    def __init__(self, start):
        self.current = start

    def __iter__(self):
        return self

    def __next__(self):
        if self.current <= 0:
            raise StopIteration
        self.current -= 1
        return self.current + 1


class Repeat:
    def __init__(self, items, times):
        self.items = items
        self.times = times

    def __iter__(self):
        for _ in range(self.times):
            yield from self.items


for n in Countdown(3):
    print(n, end=" ")
print()
print(list(Countdown(5)), sum(Countdown(4)), list(Repeat("ab", 3)))
it = iter([10, 20, 30])
print(next(it), next(it), next(it), next(it, "done"))
try:
    next(it)
except StopIteration:
    print("StopIteration caught")
chars = iter("xyz")
print(list(zip(chars, chars, strict=False)))
queue = [3, 2, 1, 0, 5]
pop = iter(queue.pop, 0)
print(list(pop), queue)
numbers = iter(range(10))
print([n for n in numbers if n > 6], list(numbers))
print(list(enumerate(Countdown(2))), dict(zip(Countdown(3), "abc")))
e = enumerate(["a", "b"])
print(next(e), next(e))
r = reversed([1, 2, 3])
print(next(r), list(r))
m = map(int, "123")
print(next(m), list(m))
