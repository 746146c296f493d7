names = ["ann", "bob"]
prnt(names)
