try:
    value = int("42")
