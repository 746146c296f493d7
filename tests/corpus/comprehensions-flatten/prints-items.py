def flatten(batches):
    for batch in batches:
        for item in batch:
            print(item)
