import math


class Vector:
    def __init__(self, *components):
        self.components = tuple(components)

    def __repr__(self):
        return f"Vector{self.components}"

    def __str__(self):
        return "<" + ", ".join(str(c) for c in self.components) + ">"

    def __len__(self):
        return len(self.components)

    def __getitem__(self, index):
        return self.components[index]

    def __iter__(self):
        return iter(self.components)

    def __add__(self, other):
        return Vector(*(a + b for a, b in zip(self, other)))

    def __sub__(self, other):
        return Vector(*(a - b for a, b in zip(self, other)))

    def __mul__(self, k):
        if isinstance(k, Vector):
            return sum(a * b for a, b in zip(self, k))
        return Vector(*(a * k for a in self))

    __rmul__ = __mul__

    def __neg__(self):
        return self * -1

    def __abs__(self):
        return math.sqrt(sum(a * a for a in self))

    def __eq__(self, other):
        return isinstance(other, Vector) and self.components == other.components

    def __hash__(self):
        return hash(self.components)

    def __lt__(self, other):
        return abs(self) < abs(other)

    def __bool__(self):
        return any(self.components)

    def __contains__(self, value):
        return value in self.components

    def __call__(self, scale):
        return self * scale

    def __iadd__(self, other):
        self.components = (self + other).components
        return self


v = Vector(3, 4)
w = Vector(1, -2)
print(v, repr(w), len(v), v[0], v[-1], list(v))
print(v + w, v - w, v * 2, 3 * v, v * w, -v, abs(v))
print(v == Vector(3, 4), v != w, v < w, w < v, sorted([v, w, Vector(0, 1)]))
print(bool(Vector(0, 0)), bool(v), 4 in v, 5 in v, v(10))
print({v, Vector(3, 4), w} == {v, w}, max([v, w]))
u = v
v += w
print(v, u is v)


class Money:
    def __init__(self, cents):
        self.cents = cents

    def __add__(self, other):
        if isinstance(other, int):
            return Money(self.cents + other)
        if not isinstance(other, Money):
            return NotImplemented
        return Money(self.cents + other.cents)

    def __radd__(self, other):
        return self + other

    def __format__(self, spec):
        return format(self.cents / 100, spec or ".2f")

    def __repr__(self):
        return f"Money({self.cents})"


print(sum([Money(150), Money(275)]), f"{Money(1999)}", f"{Money(5):>8.3f}|")
try:
    Money(1) + "x"
except TypeError as error:
    print("TypeError:", error)
