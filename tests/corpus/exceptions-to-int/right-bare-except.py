def to_int(text, default):
    try:
        number = int(text)
    except:
        number = default
    return number
