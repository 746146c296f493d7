from functools import cache, cached_property, cmp_to_key, lru_cache, partial, reduce, total_ordering, wraps


@lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


@cache
def ways(n):
    return 1 if n <= 1 else ways(n - 1) + ways(n - 2)


print(fib(80), fib.cache_info())
print(ways(30))
print(reduce(lambda a, b: a * b, range(1, 6)), reduce(lambda a, b: a + b, [], 0), reduce(max, [3, 9, 2]))
power = partial(pow, 2)
base_two = partial(int, base=2)
print(power(10), base_two("1011"), partial(print, sep="|")("a", "b"))


@total_ordering
class Version:
    def __init__(self, text):
        self.parts = tuple(int(p) for p in text.split("."))

    def __eq__(self, other):
        return self.parts == other.parts

    def __lt__(self, other):
        return self.parts < other.parts

    def __repr__(self):
        return "v" + ".".join(map(str, self.parts))


versions = [Version("1.10"), Version("1.2"), Version("1.2.1")]
print(sorted(versions), Version("2.0") >= Version("1.9"), Version("1.0") > Version("1.0"))


def compare_length_then_alpha(a, b):
    if len(a) != len(b):
        return len(a) - len(b)
    return (a > b) - (a < b)


print(sorted(["ccc", "a", "bb", "aa"], key=cmp_to_key(compare_length_then_alpha)))


def shout(func):
    @wraps(func)
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs).upper()

    return wrapper


@shout
def hello(name):
    """Say hello."""
    return f"hello {name}"


print(hello("ann"), hello.__name__, hello.__doc__)


class Circle:
    def __init__(self, r):
        self.r = r

    @cached_property
    def area(self):
        print("computing")
        return 3.14159 * self.r**2


c = Circle(2)
print(c.area, c.area)
