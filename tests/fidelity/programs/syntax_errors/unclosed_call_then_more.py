import math
print(math.sqrt(16)
print("done")
