from math import *

print(hypot(3, 4))
print(round(pi, 3))
