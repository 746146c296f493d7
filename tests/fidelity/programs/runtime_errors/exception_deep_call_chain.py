def parse(text):
    return [int(part) for part in text.split(",")]


def load(rows):
    return [parse(row) for row in rows]


def report(rows):
    data = load(rows)
    print("loaded", len(data), "rows")


report(["1,2", "3,4"])
report(["5,6", "7,x"])
