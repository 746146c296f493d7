class Timer:
    def __init__(self, label):
        self.label = label
        self.log = []

    def __enter__(self):
        print(f"enter {self.label}")
        return self

    def __exit__(self, exc_type, exc, tb):
        print(f"exit {self.label}: {exc_type.__name__ if exc_type else 'no error'}")
        return False


class Suppress:
    def __init__(self, *kinds):
        self.kinds = kinds
        self.caught = None

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None and issubclass(exc_type, self.kinds):
            self.caught = exc
            return True
        return False


class Resource:
    opened = []

    def __init__(self, name):
        self.name = name

    def __enter__(self):
        Resource.opened.append(self.name)
        return self.name.upper()

    def __exit__(self, *exc_info):
        Resource.opened.remove(self.name)


with Timer("outer") as t:
    t.log.append("work")
    with Timer("inner"):
        print("inside both")
print(t.log)
with Suppress(ZeroDivisionError, KeyError) as s:
    print("before")
    1 / 0
    print("never")
print("suppressed:", repr(s.caught))
try:
    with Suppress(KeyError):
        int("x")
except ValueError as error:
    print("escaped:", error)
try:
    with Timer("failing"):
        raise RuntimeError("boom")
except RuntimeError as error:
    print("caught", error)
with Resource("a") as a, Resource("b") as b:
    print(a, b, Resource.opened)
print(Resource.opened)


def read_config():
    with Timer("config"):
        return {"debug": True}


print(read_config())
