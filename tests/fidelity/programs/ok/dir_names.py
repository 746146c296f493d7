# What dir() lists: the script's own names, each scope's names, and an object's attributes.
import math
import random as rng
from string import ascii_lowercase

total: int = 0
print(dir())
print(__annotations__)


def outer(a, b=2):
    c = a + b

    def inner():
        return dir()

    return inner(), dir()


print(outer(1))


class Point:
    x = 0
    y = 0
    print(dir())

    def norm(self):
        return math.hypot(self.x, self.y)


print([name for name in dir(Point) if not name.startswith("__")])
print([dir() for _ in range(1)])
print(dir(math) == sorted(dir(math)), len(dir(math)), dir(math)[:6])
print([name for name in dir(rng) if name.startswith("r")])
print(dir(range)[-5:], dir(range(3))[-3:])
print(dir(bytes)[-3:], dir(bytearray)[-3:], dir(b"")[-2:])
print(dir(type)[-3:], dir(print)[-3:], dir(dir)[-3:], dir(pow)[-3:])
print(dir(*[]) == dir(), dir)
try:
    dir(1, 2)
except TypeError as error:
    print(error)
