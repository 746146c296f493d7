def to_int(text, default):
    return int(text)
