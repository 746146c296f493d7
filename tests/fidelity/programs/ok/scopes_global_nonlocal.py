counter = 0
message = "global"


def increment():
    global counter
    counter += 1
    return counter


def shadow():
    message = "local"
    return message


def outer():
    level = 1
    log = []

    def middle():
        nonlocal level
        level += 1

        def inner():
            nonlocal level
            level *= 10
            log.append(level)

        inner()
        return level

    middle()
    middle()
    return level, log


def make_accumulator():
    total = 0
    history = []

    def add(x):
        nonlocal total
        total += x
        history.append(x)
        return total

    def reset():
        nonlocal total
        total = 0
        history.clear()

    return add, reset, history


increment()
increment()
print(counter, shadow(), message)
print(outer())
add, reset, history = make_accumulator()
print(add(5), add(10), history)
reset()
print(add(1), history)
x = "module"


def show_x():
    return x


def change_x():
    global x
    x = "changed"


print(show_x())
change_x()
print(show_x(), x)
values = [lambda: i for i in range(3)]
print([f() for f in values])
for i in range(2):
    pass
print("loop variable survives:", i)
del counter
try:
    print(counter)
except NameError as error:
    print("NameError:", error)
