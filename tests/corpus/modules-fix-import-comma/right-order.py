from math import pi, hypot

print(hypot(3, 4))
print(round(pi, 3))
