baseline = float(input())
accuracies = []
while True:
    try:
        accuracies.append(float(input()))
    except EOFError:
        break
for day, accuracy in enumerate(accuracies, 1):
    drop = baseline - accuracy
    if drop > 0.05:
        print(f"day {day}: drop {drop:.3f}")
print(f"mean {sum(accuracies) / len(accuracies):.3f}")
