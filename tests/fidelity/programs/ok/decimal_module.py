from decimal import ROUND_HALF_UP, Decimal, getcontext, localcontext

print(0.1 + 0.2, Decimal("0.1") + Decimal("0.2"), Decimal(0.1))
price = Decimal("19.99")
qty = 3
total = price * qty
print(total, total * Decimal("1.08"), (total * Decimal("1.08")).quantize(Decimal("0.01")))
print(Decimal("2.675").quantize(Decimal("0.01"), rounding=ROUND_HALF_UP), round(2.675, 2))
print(Decimal("1") / Decimal("3"), Decimal(10) / Decimal(4), Decimal("7") // 2, Decimal("7") % 2)
getcontext().prec = 6
print(Decimal(1) / Decimal(7), getcontext().prec)
with localcontext() as ctx:
    ctx.prec = 40
    print(Decimal(2).sqrt())
print(Decimal(2).sqrt())
print(Decimal("3.14159").as_tuple(), Decimal("-0.00"), Decimal("1E+3"), Decimal("1.50").normalize())
print(sum([Decimal("0.10")] * 10), Decimal("5") > 4, float(Decimal("2.5")), int(Decimal("-2.9")))
print(f"{Decimal('1234.5'):,.2f}", str(Decimal("100")), repr(Decimal("0.5")))
print(sorted([Decimal("1.1"), Decimal("0.9"), Decimal("1.01")]))
