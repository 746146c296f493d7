x = 2.0
for _ in range(12):
    x = x**2
    print(x)
