# += on a dict value of the wrong type: the operation fails, on the whole statement.
totals = {"apples": "3"}
totals["apples"] += 1
