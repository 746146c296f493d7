def invert(mapping):
    result = {}
    for key, value in mapping.items():
        if value in result:
            raise KeyError(value)
        result[value] = key
    return result
