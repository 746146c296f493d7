# Tuples cannot change: += on an item fails at the store, after the list grew.
pair = ("scores", [90])
pair[1] += [85]
