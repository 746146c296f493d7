def read_numbers(lines):
    for line in lines:
        yield int(line)


total = 0
for n in read_numbers(["1", "2", "three"]):
    total += n
    print("total", total)
