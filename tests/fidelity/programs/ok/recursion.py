def factorial(n):
    return 1 if n <= 1 else n * factorial(n - 1)


def fib(n, memo={}):
    if n in memo:
        return memo[n]
    if n < 2:
        return n
    memo[n] = fib(n - 1) + fib(n - 2)
    return memo[n]


def hanoi(n, source, target, spare, moves):
    if n == 0:
        return moves
    hanoi(n - 1, source, spare, target, moves)
    moves.append((source, target))
    hanoi(n - 1, spare, target, source, moves)
    return moves


def flatten(items):
    result = []
    for item in items:
        if isinstance(item, list):
            result.extend(flatten(item))
        else:
            result.append(item)
    return result


def permutations(s):
    if len(s) <= 1:
        return [s]
    return [s[i] + p for i in range(len(s)) for p in permutations(s[:i] + s[i + 1 :])]


def binary_search(items, target, lo=0, hi=None):
    if hi is None:
        hi = len(items) - 1
    if lo > hi:
        return -1
    mid = (lo + hi) // 2
    if items[mid] == target:
        return mid
    if items[mid] < target:
        return binary_search(items, target, mid + 1, hi)
    return binary_search(items, target, lo, mid - 1)


def depth(tree):
    if not isinstance(tree, dict) or not tree:
        return 0
    return 1 + max(depth(child) for child in tree.values())


def sum_digits(n):
    return n if n < 10 else n % 10 + sum_digits(n // 10)


def power_set(items):
    if not items:
        return [[]]
    rest = power_set(items[1:])
    return rest + [[items[0]] + subset for subset in rest]


print(factorial(10), factorial(25))
print([fib(i) for i in range(15)], fib(90))
moves = hanoi(3, "A", "C", "B", [])
print(len(moves), moves)
print(flatten([1, [2, [3, [4, [5]]]], 6, []]))
print(permutations("abc"))
data = list(range(0, 100, 7))
print(binary_search(data, 49), binary_search(data, 50))
print(depth({"a": {"b": {"c": {}}}, "d": {}}))
print(sum_digits(987654321), power_set([1, 2, 3]))


def count_down(n):
    if n < 0:
        return
    print(n, end=" ")
    count_down(n - 1)


count_down(5)
print()


def deep(n):
    return 0 if n == 0 else 1 + deep(n - 1)


print(deep(900))
