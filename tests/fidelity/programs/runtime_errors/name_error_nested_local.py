def outer():
    counter_total = 0

    def inner():
        return counter_totl + 1

    return inner()


outer()
