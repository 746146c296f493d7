def invert(mapping):
    for key in list(mapping):
        value = mapping.pop(key)
        if value in mapping:
            raise ValueError("duplicate value")
        mapping[value] = key
    return mapping
