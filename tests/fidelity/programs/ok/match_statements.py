from dataclasses import dataclass


@dataclass
class Point:
    x: int
    y: int


class Circle:
    __match_args__ = ("radius",)

    def __init__(self, radius):
        self.radius = radius


def http_status(code):
    match code:
        case 200:
            return "OK"
        case 301 | 302:
            return "Redirect"
        case 404:
            return "Not Found"
        case int(n) if 500 <= n < 600:
            return f"Server error {n}"
        case _:
            return "Unknown"


def command(text):
    match text.split():
        case []:
            return "empty"
        case ["go", direction]:
            return f"going {direction}"
        case ["take", *items] if items:
            return f"taking {', '.join(items)}"
        case ["quit" | "exit"]:
            return "bye"
        case [verb, *_]:
            return f"unknown verb {verb!r}"


def where(point):
    match point:
        case Point(x=0, y=0):
            return "origin"
        case Point(x=0, y=y):
            return f"on the y axis at {y}"
        case Point(x, 0):
            return f"on the x axis at {x}"
        case Point():
            return "somewhere else"
        case Circle(0):
            return "a dot"
        case Circle(r) if r > 10:
            return f"a big circle ({r})"
        case Circle(radius=r):
            return f"a circle of radius {r}"
        case (x, y):
            return f"a tuple {x},{y}"
        case _:
            return "not a point"


def describe(value):
    match value:
        case None:
            return "nothing"
        case True | False:
            return "a bool"
        case {"type": "user", "name": str(name), **rest}:
            return f"user {name} with {sorted(rest)}"
        case {"type": kind}:
            return f"some {kind}"
        case str() as s if len(s) > 3:
            return f"long string {s}"
        case str():
            return "short string"
        case float() | int():
            return f"number {value}"
        case [1, 2, *others]:
            return f"starts 1, 2 then {others}"
        case _:
            return "other"


for code in (200, 302, 404, 503, 999):
    print(code, http_status(code))
for text in ("", "go north", "take lamp key", "take", "exit", "dance now"):
    print(repr(text), "->", command(text))
for p in (Point(0, 0), Point(0, 5), Point(3, 0), Point(1, 1), Circle(0), Circle(11), Circle(2), (1, 2), "xy"):
    print(where(p))
for v in (None, True, {"type": "user", "name": "ann", "id": 1}, {"type": "box"}, "hello", "hi", 2.5, [1, 2, 3, 4], [2]):
    print(describe(v))
