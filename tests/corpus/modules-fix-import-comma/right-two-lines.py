from math import hypot
from math import pi

print(hypot(3, 4))
print(round(pi, 3))
