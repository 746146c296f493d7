def describe(name, *args, sep=", ", **kwargs):
    parts = [name]
    parts.extend(str(a) for a in args)
    parts.extend(f"{k}={v}" for k, v in sorted(kwargs.items()))
    return sep.join(parts)


def power(base, exponent=2, /, *, verbose=False):
    result = base**exponent
    if verbose:
        print(f"{base}**{exponent} = {result}")
    return result


def append_to(item, target=[]):
    target.append(item)
    return target


def append_fixed(item, target=None):
    if target is None:
        target = []
    target.append(item)
    return target


def total(*numbers):
    return sum(numbers)


def config(**options):
    return options


print(describe("x"), describe("x", 1, 2), describe("x", 1, a=1, b=2), describe("y", sep="|", z=0))
print(power(3), power(2, 10), power(5, verbose=True))
print(append_to(1), append_to(2), append_fixed(1), append_fixed(2))
nums = [1, 2, 3]
opts = {"debug": True, "level": 3}
print(total(*nums), total(), total(*nums, *nums), config(**opts), config(**opts, extra=1))
print(*nums, sep=" + ", end=" = ")
print(total(*nums))
first, *middle, last = range(6)
print(first, middle, last)
print(describe(*["a", "b", "c"], **{"k": "v"}))
print(max(*nums), min(nums, key=lambda n: -n), "{}-{}-{}".format(*nums), "{a}{b}".format(**{"a": 1, "b": 2}))
print(list(map(lambda *a: sum(a), [1, 2], [3, 4], [5, 6])))
print(describe.__name__, power.__name__, power(2, 3))
