values = [3, 1, 4, 1, 5, 9, 2, 6]
names = ["ann", "bob", "cy"]
print(len(values), sum(values), sum(values, 100), min(values), max(values), sorted(values))
print(min("hello"), max(names, key=len), min([], default="empty"), max(3, 7, 2), min((4, "b"), (4, "a")))
print(list(zip(names, values)), list(zip(names, values, "xyz")), dict(zip(names, values)))
print(list(enumerate(names)), list(enumerate(names, start=1)))
print(list(map(len, names)), list(map(lambda a, b: a * b, [1, 2], [3, 4])), list(map(str.title, names)))
print(list(filter(lambda v: v > 3, values)), list(filter(None, [0, "", "x", None, 5])))
print(list(reversed(values)), list(reversed("abc")), list(reversed(range(3))))
print(any([]), all([]), any(v > 8 for v in values), all(v > 0 for v in values))
it = iter(names)
print(next(it), next(it), next(it), next(it, None))
print(isinstance(3, int), isinstance(3.0, (int, float)), isinstance(True, int), isinstance("s", list))
print(type(3), type("s"), type([]), type({}), type(None), type(len), type(3) is int, type(type(3)))
print(type(3).__name__, type(names).__name__, type(print).__name__)


class Box:
    size = 1


b = Box()
setattr(b, "color", "red")
print(getattr(b, "color"), getattr(b, "size"), getattr(b, "weight", "n/a"), hasattr(b, "color"), hasattr(b, "nope"))
delattr(b, "color")
print(hasattr(b, "color"), vars_like := sorted(k for k in dir(b) if not k.startswith("_")))
print(abs(-7), abs(-2.5), round(2.567, 1), round(7), divmod(7, 2), pow(2, 10), pow(2, 10, 1000), pow(2, -1))
print(bin(10), oct(10), hex(255), int("1010", 2), int("  42  "), float("  -3.5 "), str(10), chr(65), ord("a"))
print(bool(0), bool(""), bool([]), bool([0]), bool("False"), int(True), float(7), complex(2))
print(list(range(5)), list(range(2, 11, 3)), tuple(range(3)), set(range(3)), range(10)[2:5], len(range(0, 100, 7)))
print(list("abc"), tuple([1, 2]), dict(a=1, b=2), set([1, 1, 2]), frozenset([3]), list({"k": 1}))
print(bytes(3), bytes([65, 66]), bytes("héllo", "utf-8"), bytearray(b"ab"), bytes.fromhex("41 42"))
print(callable(len), callable(3), callable(Box), id(b) == id(b), hash(1) == hash(1.0))
print(slice(1, 5, 2), "abcdefgh"[slice(1, 5, 2)], [1, 2, 3][::-1], ascii("é"), repr(3.0))
print(isinstance(b, object), issubclass(bool, int), object().__class__.__name__, str(object)[:14])
print(sorted({"b": 1, "a": 2}), sorted([[2, 1], [1, 2]]), sorted("CbA", key=str.lower))
print(max([1, 5, 3], key=lambda v: -v), sum([0.5, 0.25]), sum(range(101)), len("héllo"), len({1: 2}))
print(int(), float(), str(), list(), dict(), tuple(), set(), bool())
print(str(b"bytes"), str(123), str([1, "a"]), repr("x"), format(3.14159, ".2f"), int(-0.9), round(-0.5))


class Base:
    @staticmethod
    def helper(x):
        return x + 1

    @classmethod
    def create(cls):
        return cls()

    @property
    def kind(self):
        return type(self).__name__


class Child(Base):
    pass


print(Base.helper(1), Child.create().kind, Child().helper(5), isinstance(Child.create(), Base))
print(super(Child, Child()).kind, vars_like)
