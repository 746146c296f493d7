import math

print(len(str(math.factorial(100))))
big = math.factorial(2000)
print("computed", big % 1000)
print(big)
