baseline = float(input())
day = 0
while True:
    try:
        accuracy = float(input())
    except EOFError:
        break
    day += 1
    drop = baseline - accuracy
    if drop > 0.05:
        print(f"day {day}: drop {round(drop, 3)}")
