def flatten(batches):
    result = []
    for batch in batches:
        for item in batch:
            result.append(item)
    return result
