# Patterns with dotted names: enum members, a nested class, module constants, mapping keys.
from enum import Enum
import math


class Color(Enum):
    RED = 1
    GREEN = 2


class Shape:
    class Circle:
        __match_args__ = ("r",)

        def __init__(self, r):
            self.r = r


def describe(value):
    match value:
        case Color.RED:
            return "red"
        case Color.GREEN | Color.RED:
            return "green"
        case {Color.RED: inner}:
            return f"mapping with red: {inner}"
        case Shape.Circle(r=math.pi):
            return "a circle of radius pi"
        case Shape.Circle(r):
            return f"a circle of radius {r}"
        case [Color.GREEN, *rest]:
            return f"green first, then {rest}"
        case -1 | 1.5:
            return "a number"
        case _:
            return "something else"


values = (Color.RED, Color.GREEN, {Color.RED: 3}, Shape.Circle(math.pi), Shape.Circle(2))
for value in (*values, [Color.GREEN, 1], -1, "x"):
    print(describe(value))


class Mode(Enum):
    A = "a"
    B = "b"


def outer(kind):
    local = Mode

    def check(x):
        match x:
            case local.A:
                match kind:
                    case Mode.B:
                        return "A then B"
                    case _:
                        return "A then other"
            case local.B:
                return "B"
        return "none"

    return check


print(outer(Mode.B)(Mode.A), outer(1)(Mode.A), outer(1)(Mode.B), outer(1)(3))
print([n for n in dir() if not n.startswith("__")])


class Holder:
    match Mode.A:
        case Mode.A:
            seen = "yes"


print(Holder.seen)
