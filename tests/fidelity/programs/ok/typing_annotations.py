from typing import Callable, Dict, Generic, List, NamedTuple, Optional, Tuple, TypedDict, TypeVar, Union

T = TypeVar("T")
count: int = 0
names: List[str] = []
scores: Dict[str, float] = {"ann": 9.5}
maybe: Optional[int] = None
pair: Tuple[int, str] = (1, "one")
label: str


def average(values: List[float]) -> float:
    return sum(values) / len(values)


def first(items: List[T], default: Optional[T] = None) -> Optional[T]:
    return items[0] if items else default


def apply(func: Callable[[int], int], value: int) -> int:
    return func(value)


def parse(value: Union[int, str]) -> int:
    return value if isinstance(value, int) else int(value)


class Stack(Generic[T]):
    def __init__(self) -> None:
        self._items: List[T] = []

    def push(self, item: T) -> None:
        self._items.append(item)

    def pop(self) -> T:
        return self._items.pop()

    def __len__(self) -> int:
        return len(self._items)


class Employee(NamedTuple):
    name: str
    salary: int = 1000


class Movie(TypedDict):
    title: str
    year: int


def greet(name: str, excited: bool = False) -> str:
    return f"Hello, {name}{'!' if excited else '.'}"


print(average([1.0, 2.0, 4.5]), first([]), first([], "none"), first(["x", "y"]))
print(apply(lambda n: n * n, 7), parse("42") + parse(8))
s: Stack[int] = Stack()
s.push(1)
s.push(2)
print(s.pop(), len(s))
e = Employee("ann")
print(e, e.salary, e._replace(salary=2000), e._asdict(), Employee._fields)
m: Movie = {"title": "Up", "year": 2009}
print(m, type(m).__name__)
print(greet("bo"), greet("bo", excited=True))
print(greet.__annotations__)
print(average.__annotations__["return"], __annotations__["count"])
count += 1
names.append("x")
print(count, names, scores, maybe, pair)
print(List[int], Optional[str], Dict[str, List[int]], Callable[[int], str])
