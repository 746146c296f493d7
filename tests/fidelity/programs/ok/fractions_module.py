from fractions import Fraction

a = Fraction(1, 3)
b = Fraction(3, 4)
print(a, b, a + b, a - b, a * b, a / b, a**2, -a)
print(Fraction(6, 8), Fraction("0.125"), Fraction("3/9"), Fraction(2.5), Fraction(0.1).limit_denominator(100))
print(a.numerator, a.denominator, float(b), int(Fraction(7, 2)), round(Fraction(7, 2)))
print(sum(Fraction(1, n) for n in range(1, 5)), a < b, a == Fraction(2, 6), Fraction(1, 2) == 0.5)
print(repr(b), f"{float(a):.4f}", str(Fraction(-4, 6)), Fraction(5))
