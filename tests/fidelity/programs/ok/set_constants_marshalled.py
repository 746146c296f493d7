# Set constants whose items' hashes collide: their order depends on how they were built,
# so a program must see them exactly as the compiler made them.
x = 2
print(x in {111, 199}, x in {86, 174}, {186, 45, 117}, {97, 33, 105}, {158, 17, 198})
print({88, 74, 17, 42, 40}, {65, 135, 43, 168, 69, 165}, {1, 2, 3}, {7, 15, 23})
print([n for n in {186, 45, 117}], sorted({97, 33, 105}), frozenset({7, 71}))
for n in {158, 17, 198}:
    print(n, end=" ")
print()


def members():
    return {97, 33, 105} | {1, 9, 17}


print(members(), {"a", "b", "c"}, {"apple", "banana", "cherry"})
