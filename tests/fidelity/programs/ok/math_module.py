import math
from math import pi, sqrt

print(math.sqrt(16), sqrt(2), math.pi, pi / 2, math.e, math.tau)
print(math.floor(3.7), math.ceil(3.2), math.floor(-3.7), math.ceil(-3.2), math.trunc(-3.7))
print(round(3.14159, 2), round(2.5), round(3.5), round(-0.5), round(1234, -2))
print(math.gcd(48, 18), math.lcm(4, 6), math.factorial(20), math.comb(10, 3), math.perm(5, 2))
print(math.isclose(0.1 + 0.2, 0.3), 0.1 + 0.2 == 0.3, math.isclose(1.0, 1.001, rel_tol=0.01))
print(math.hypot(3, 4), math.dist((0, 0), (1, 1)), math.fabs(-2), abs(-2))
print(math.log(math.e), math.log10(1000), math.log2(1024), math.log(8, 2), math.exp(1))
print(math.sin(math.pi / 2), math.cos(0), round(math.tan(math.pi / 4), 10))
print(math.degrees(math.pi), math.radians(180), math.atan2(1, 1))
print(math.inf > 10**100, -math.inf, math.isinf(math.inf), math.isnan(math.nan), math.nan == math.nan)
print(math.pow(2, 10), 2**10, math.prod([1, 2, 3, 4]), math.fsum([0.1] * 10), sum([0.1] * 10))
print(math.isqrt(17), math.copysign(3, -0.0), math.modf(3.75), math.remainder(10, 3))
print(divmod(17, 5), divmod(-17, 5), 17 % 5, -17 % 5, 2**100, pow(3, 4, 5))
r = 2.5
area = math.pi * r**2
print(f"Area of a circle with radius {r}: {area:.3f}")
print(f"{math.sqrt(2):.10f} {math.pi:e} {math.e:.3g}")
print([math.sqrt(n) for n in range(5)])
print(int(math.sqrt(99)), int("42"), int(3.99), int(-3.99), float("1e3"), int("ff", 16), int("0b101", 0))
