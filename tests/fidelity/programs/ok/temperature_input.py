readings = []
raw = input("Enter temperatures separated by commas: ")
for part in raw.split(","):
    part = part.strip()
    try:
        readings.append(float(part))
    except ValueError:
        print(f"skipping {part!r}")
unit = input("Unit (C/F)? ").strip().upper()
if unit == "F":
    readings = [(f - 32) * 5 / 9 for f in readings]
print(f"{len(readings)} readings")
print(f"min {min(readings):.1f}  max {max(readings):.1f}  mean {sum(readings) / len(readings):.2f}")
above = [r for r in readings if r > 20]
print("warm days:", len(above), "->", ", ".join(f"{r:.1f}" for r in above))
