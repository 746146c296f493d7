import math

for n in [4, 1, -1]:
    print(math.sqrt(n))
