class Base:
    def __init__(self):
        print("Base.__init__")
        self.trail = ["Base"]

    def hello(self):
        return "Base"


class Left(Base):
    def __init__(self):
        print("Left.__init__")
        super().__init__()
        self.trail.append("Left")

    def hello(self):
        return "Left>" + super().hello()


class Right(Base):
    def __init__(self):
        print("Right.__init__")
        super().__init__()
        self.trail.append("Right")

    def hello(self):
        return "Right>" + super().hello()


class Child(Left, Right):
    def __init__(self):
        print("Child.__init__")
        super().__init__()
        self.trail.append("Child")

    def hello(self):
        return "Child>" + super().hello()


class LoggerMixin:
    def log(self, message):
        return f"[{type(self).__name__}] {message}"


class Service(LoggerMixin, Base):
    pass


c = Child()
print(c.trail, c.hello())
print(isinstance(c, Right), issubclass(Child, Left), Child.__name__)
print(Service().log("started"))
print(super(Left, c).hello(), Left.hello(c), Base.hello(c))


class Stringy(str):
    def shout(self):
        return self.upper() + "!"


class Scores(dict):
    def __missing__(self, key):
        return 0


class Stack(list):
    def push(self, item):
        self.append(item)

    def peek(self):
        return self[-1]


s = Stringy("hey")
print(s.shout(), s + " there", len(s), isinstance(s, str))
sc = Scores(ann=3)
print(sc["ann"], sc["bob"], sc)
st = Stack([1])
st.push(2)
print(st, st.peek(), len(st), st + [3])
class MyError(KeyError):
    pass
try:
    raise MyError("k")
except LookupError as error:
    print(type(error).__name__, error)
