def identity(n):
    return [[1 if i == j else 0 for j in range(n)] for i in range(n)]


def transpose(m):
    return [list(row) for row in zip(*m)]


def multiply(a, b):
    if len(a[0]) != len(b):
        raise ValueError("incompatible shapes")
    return [[sum(x * y for x, y in zip(row, col)) for col in zip(*b)] for row in a]


def add(a, b):
    return [[x + y for x, y in zip(ra, rb)] for ra, rb in zip(a, b)]


def determinant(m):
    if len(m) == 1:
        return m[0][0]
    if len(m) == 2:
        return m[0][0] * m[1][1] - m[0][1] * m[1][0]
    total = 0
    for col in range(len(m)):
        minor = [row[:col] + row[col + 1 :] for row in m[1:]]
        total += (-1) ** col * m[0][col] * determinant(minor)
    return total


def show(m):
    width = max(len(str(x)) for row in m for x in row)
    for row in m:
        print(" ".join(f"{x:>{width}}" for x in row))
    print()


a = [[1, 2, 3], [4, 5, 6]]
b = [[7, 8], [9, 10], [11, 12]]
show(a)
show(transpose(a))
show(multiply(a, b))
show(add(a, a))
show(identity(3))
print(determinant([[2, 0, 1], [1, 3, 2], [1, 1, 1]]), determinant([[1, 2], [3, 4]]))
print(multiply(identity(2), [[5, 6], [7, 8]]) == [[5, 6], [7, 8]])
spiral = [[0] * 4 for _ in range(4)]
r, c, dr, dc = 0, 0, 0, 1
for k in range(1, 17):
    spiral[r][c] = k
    nr, nc = r + dr, c + dc
    if not (0 <= nr < 4 and 0 <= nc < 4) or spiral[nr][nc]:
        dr, dc = dc, -dr
        nr, nc = r + dr, c + dc
    r, c = nr, nc
show(spiral)
try:
    multiply(a, a)
except ValueError as error:
    print("ValueError:", error)
