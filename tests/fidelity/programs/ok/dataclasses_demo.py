from dataclasses import asdict, astuple, dataclass, field, fields, replace


@dataclass
class Point:
    x: float
    y: float = 0.0

    def distance_to(self, other: "Point") -> float:
        return ((self.x - other.x) ** 2 + (self.y - other.y) ** 2) ** 0.5


@dataclass(order=True)
class Student:
    sort_key: tuple = field(init=False, repr=False)
    name: str
    grade: int
    tags: list[str] = field(default_factory=list)

    def __post_init__(self):
        self.sort_key = (-self.grade, self.name)


@dataclass(frozen=True)
class Color:
    r: int
    g: int
    b: int

    @property
    def hex(self):
        return f"#{self.r:02x}{self.g:02x}{self.b:02x}"


@dataclass
class Inventory:
    items: dict[str, int] = field(default_factory=dict)
    owner: str = "shop"

    def add(self, name, qty=1):
        self.items[name] = self.items.get(name, 0) + qty


p = Point(3, 4)
print(p, Point(1), p == Point(3.0, 4.0), p.distance_to(Point(0, 0)))
p.x += 1
print(p, asdict(p), astuple(p))
students = [Student("bo", 90), Student("al", 95, ["captain"]), Student("cy", 90)]
for s in sorted(students):
    print(s)
print(students[0] < students[1], [f.name for f in fields(Student)])
red = Color(255, 0, 0)
print(red, red.hex, hash(red) == hash(Color(255, 0, 0)), replace(red, g=128))
try:
    red.r = 0
except AttributeError as error:
    print(type(error).__name__, error)
inv = Inventory()
inv.add("apple")
inv.add("apple", 2)
inv.add("pear")
print(inv, Inventory().items is not inv.items)
print(Point.__annotations__, Point.__dataclass_fields__["y"].default)
