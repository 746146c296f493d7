# How deep can a program recurse before RecursionError? Exactly as deep as under CPython.
def depth(n):
    try:
        return depth(n + 1)
    except RecursionError:
        return n


def nested(n):
    return 1 + nested(n + 1) if n < 500 else 0


print(depth(1))
print(nested(0))
try:
    nested(-10_000)
except RecursionError as error:
    print("RecursionError:", error)
print(depth(1))
