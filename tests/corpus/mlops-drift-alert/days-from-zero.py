baseline = float(input())
days = []
while True:
    try:
        days.append(float(input()))
    except EOFError:
        break
for i in range(len(days)):
    drop = baseline - days[i]
    if drop > 0.05:
        print(f"day {i}: drop {round(drop, 3)}")
print("mean", round(sum(days) / len(days), 3))
