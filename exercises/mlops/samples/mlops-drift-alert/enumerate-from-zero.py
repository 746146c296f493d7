base = float(input())
days = []
while True:
    try:
        days.append(float(input()))
    except EOFError:
        break
for i, acc in enumerate(days):
    if base - acc > 0.05:
        print(f"day {i}: drop {round(base - acc, 3)}")
print(f"mean {round(sum(days) / len(days), 3)}")
