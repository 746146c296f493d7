def flatten(batches):
    result = []
    for batch in batches:
        result = result.extend(batch)
    return result
