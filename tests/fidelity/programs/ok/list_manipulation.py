numbers = [5, 3, 8, 1, 9, 2]
print(numbers, len(numbers))
numbers.append(7)
numbers.extend([4, 6])
numbers.insert(0, 10)
print(numbers)
print(numbers.pop(), numbers.pop(0), numbers)
numbers.remove(8)
print(numbers, numbers.index(9), 9 in numbers, 100 not in numbers)
numbers.sort()
print(numbers)
numbers.sort(reverse=True)
print(numbers)
numbers.reverse()
print(numbers, numbers[0], numbers[-1], numbers[2:5], numbers[:3], numbers[3:], numbers[::2])
copy = numbers.copy()
alias = numbers
alias.append(100)
print(copy == numbers, alias is numbers, copy is numbers)
numbers[1:3] = ["x", "y", "z"]
print(numbers)
del numbers[0]
del numbers[-2:]
print(numbers)
numbers.clear()
print(numbers, bool(numbers))
matrix = [[1, 2, 3], [4, 5, 6]]
print([list(row) for row in zip(*matrix)])
grid = [[0] * 3 for _ in range(2)]
grid[0][1] = 5
print(grid)
shared = [[0] * 3] * 2
shared[0][1] = 5
print(shared)
print([1, 2] + [3], [0] * 4, sum([[1], [2, 3]], []))
print(sorted(["b", "A", "c"]), min([4, 2, 8]), max([4, 2, 8]), [3, 1, 2].count(1))
a, *rest = [1, 2, 3, 4]
*init, last = "hello"
first, (second, third) = 1, (2, 3)
print(a, rest, init, last, first, second, third)
x, y = 1, 2
x, y = y, x
print(x, y)
nested = [1, [2, [3, [4]]]]
print(nested[1][1][1][0], len(nested))
stack = []
for item in "abc":
    stack.append(item)
while stack:
    print(stack.pop(), end=" ")
print()
print(list(range(10, 0, -3)), list(range(0)), list(range(2, 5)))
