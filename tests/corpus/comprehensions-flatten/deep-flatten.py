def flatten(batches):
    result = []
    for item in batches:
        if isinstance(item, list):
            result += flatten(item)
        else:
            result.append(item)
    return result
