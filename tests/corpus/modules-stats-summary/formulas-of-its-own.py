values = [float(part) for part in input().split()]
m = sum(values) / len(values)
s = sorted(values)
n = len(s)
med = s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2
sd = (sum((v - m) ** 2 for v in values) / (n - 1)) ** 0.5
print("mean", m)
print("median", med)
print("stdev", sd)
