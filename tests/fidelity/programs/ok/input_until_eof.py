# Read numbers until the end of input
total = 0
count = 0
while True:
    try:
        line = input("> ")
    except EOFError:
        print()
        print("end of input")
        break
    if not line.strip():
        continue
    value = float(line)
    total += value
    count += 1
    print(f"running total: {total:g}")
print(f"{count} numbers, sum {total:.2f}, mean {total / count:.3f}")
