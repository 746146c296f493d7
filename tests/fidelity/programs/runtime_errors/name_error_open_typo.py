print("reading the file...")
handle = opne("data.txt")
