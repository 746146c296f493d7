from math import hypot

print(hypot(3, 4))
print(round(3.14159, 3))
