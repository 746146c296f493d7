def describe(class, level):
    return class + level
