items = ["a", "b"]
items.add("c")
