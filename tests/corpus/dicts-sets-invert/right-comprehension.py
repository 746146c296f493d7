def invert(mapping):
    if len(set(mapping.values())) != len(mapping):
        raise ValueError("two keys share a value")
    return {value: key for key, value in mapping.items()}
