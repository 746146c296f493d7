from enum import Enum, Flag, IntEnum, auto


class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3

    def describe(self):
        return f"{self.name.title()} has value {self.value}"


class Weekday(IntEnum):
    MONDAY = auto()
    TUESDAY = auto()
    WEDNESDAY = auto()


class Permission(Flag):
    READ = auto()
    WRITE = auto()
    EXECUTE = auto()


class Status(Enum):
    ACTIVE = "active"
    INACTIVE = "inactive"

    @classmethod
    def parse(cls, text):
        return cls(text.lower())


print(Color.RED, repr(Color.GREEN), Color.BLUE.name, Color.BLUE.value)
print(Color(2), Color["BLUE"], Color.RED.describe())
print(list(Color), len(Color), [c.name for c in Color])
print(Color.RED == Color.RED, Color.RED is Color(1), Color.RED == 1, Color.RED in Color)
print(Weekday.TUESDAY, Weekday.TUESDAY + 1, Weekday.MONDAY < Weekday.WEDNESDAY, int(Weekday.WEDNESDAY))
print(sorted([Weekday.WEDNESDAY, Weekday.MONDAY]))
rw = Permission.READ | Permission.WRITE
print(rw, Permission.READ in rw, Permission.EXECUTE in rw, bool(rw & Permission.EXECUTE))
print(Status.parse("ACTIVE"), Status("inactive").name)
print(isinstance(Color.RED, Color), type(Color.RED).__name__, f"{Color.GREEN}", f"{Weekday.MONDAY}")
for name, member in Color.__members__.items():
    print(name, member.value)
try:
    Color(7)
except ValueError as error:
    print("ValueError:", error)
lookup = {Color.RED: "stop", Color.GREEN: "go"}
print(lookup[Color.GREEN], lookup.get(Color.BLUE, "?"))
