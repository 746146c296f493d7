"""Everyday code near the language layer's value checks runs as under CPython."""

import copy
import dataclasses
import functools
import itertools
import statistics
import typing
from dataclasses import dataclass, field, make_dataclass


print(type(pow) is type(len), type(print).__name__, type(range(3)) is range)
print(copy.copy(type) is type, copy.deepcopy(range) is range, copy.copy(pow) is pow)
counter = itertools.count(5)
next(counter)
twin = copy.copy(counter)
print(next(counter), next(twin), type(counter) is itertools.count)
print(typing.get_origin(list[int]), typing.get_args(dict[str, int]))
print(typing.get_origin(type[int]) is type, typing.get_origin(typing.Type[int]) is type)
print(type(type[int]), type[int], type.__name__, range.__name__)


@dataclass(slots=True, order=True)
class Point:
    x: int
    _tag: str = "p"
    extra: list = field(default_factory=list)


p = Point(1)
print(p, p._tag, Point.__module__, Point(1) < Point(2), dataclasses.astuple(p))
Pair = make_dataclass("Pair", ["left", ("right", int, field(default=0))])
print(Pair(1), dataclasses.fields(Pair)[1].type)


def timed(func):
    @functools.wraps(func)
    def wrapper(*args):
        return func(*args)

    return wrapper


mean = timed(statistics.mean)
print(mean.__name__, mean.__wrapped__ is statistics.mean, mean([1, 2, 3]))


class Shout(str):
    __match_args__ = ("upper",)

    def loud(self):
        return super().upper() + super().center(9, "*")


match Shout("hey"):
    case Shout(up):
        print(up(), Shout("hey").loud())


class Celsius:
    def __init__(self, degrees):
        self._degrees = degrees

    @property
    def degrees(self):
        return self._degrees


print(Celsius.degrees.__get__(Celsius(21)), (lambda self: 7).__get__(1)())


class Keep:
    def __enter__(self):
        return "kept"

    def __exit__(self, kind, value, traceback):
        print("exit", kind.__name__ if kind else None, value)
        return kind is KeyError


with Keep() as kept:
    print(kept)
with Keep():
    raise KeyError("k")
print("after")
