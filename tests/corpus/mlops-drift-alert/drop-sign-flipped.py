baseline = float(input())
days = []
while True:
    try:
        days.append(float(input()))
    except EOFError:
        break
for n, acc in enumerate(days, 1):
    drop = acc - baseline
    if abs(drop) > 0.05:
        print(f"day {n}: drop {round(drop, 3)}")
print(f"mean {round(sum(days) / len(days), 3)}")
