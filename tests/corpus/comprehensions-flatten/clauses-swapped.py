def flatten(batches):
    return [item for item in batch for batch in batches]
