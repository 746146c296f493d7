import functools


def make_counter(start=0):
    count = start

    def increment(step=1):
        nonlocal count
        count += step
        return count

    return increment


def make_multipliers():
    return [lambda x, i=i: x * i for i in range(4)]


def trace(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        arguments = ", ".join([repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()])
        print(f"-> {func.__name__}({arguments})")
        result = func(*args, **kwargs)
        print(f"<- {func.__name__} returned {result!r}")
        return result

    return wrapper


def repeat(times):
    def decorator(func):
        def wrapper(*args):
            return [func(*args) for _ in range(times)]

        return wrapper

    return decorator


def memoize(func):
    cache = {}

    def wrapper(n):
        if n not in cache:
            cache[n] = func(n)
        return cache[n]

    wrapper.cache = cache
    return wrapper


@trace
def add(a, b=0):
    """Add two numbers."""
    return a + b


@repeat(3)
def greet(name):
    return f"hi {name}"


@memoize
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


counter = make_counter(10)
print(counter(), counter(), counter(5))
other = make_counter()
print(other(), counter())
print([f(10) for f in make_multipliers()])
add(2, b=3)
print(add.__name__, add.__doc__, add.__wrapped__(1, 1))
print(greet("bo"))
print(fib(30), len(fib.cache))


def outer():
    x = "outer"

    def inner():
        return x

    x = "changed"
    return inner


print(outer()())


def stacked(func):
    return lambda *a: "[" + func(*a) + "]"


@stacked
@stacked
def shout(s):
    return s.upper()


print(shout("hey"))
adders = {}
for n in (1, 2):
    adders[n] = lambda x, n=n: x + n
print(adders[1](10), adders[2](10))
