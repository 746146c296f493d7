baseline = float(input("Baseline accuracy: "))
days = []
while True:
    try:
        line = input()
    except EOFError:
        break
    days.append(float(line))
for number, acc in enumerate(days, start=1):
    if baseline - acc > 0.05:
        print(f"day {number}: drop {round(baseline - acc, 3)}")
print(f"mean {round(sum(days) / len(days), 3)}")
