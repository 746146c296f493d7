import math

print(math.hypot(3, 4))
print(round(math.pi, 3))
