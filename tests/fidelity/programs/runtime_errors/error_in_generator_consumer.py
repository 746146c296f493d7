def parse_ages(rows):
    for row in rows:
        name, age = row.split(",")
        yield name, int(age)


rows = ["ann,31", "bob,29", "cy"]
ages = dict(parse_ages(rows))
