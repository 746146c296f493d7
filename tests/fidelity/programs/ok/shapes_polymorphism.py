import math


class Shape:
    name = "shape"

    def area(self):
        raise NotImplementedError(f"{type(self).__name__} must implement area()")

    def perimeter(self):
        raise NotImplementedError

    def __str__(self):
        return f"{self.name} with area {self.area():.2f} and perimeter {self.perimeter():.2f}"

    def __lt__(self, other):
        return self.area() < other.area()


class Rectangle(Shape):
    name = "rectangle"

    def __init__(self, width, height):
        self.width = width
        self.height = height

    def area(self):
        return self.width * self.height

    def perimeter(self):
        return 2 * (self.width + self.height)


class Square(Rectangle):
    name = "square"

    def __init__(self, side):
        super().__init__(side, side)


class Circle(Shape):
    name = "circle"

    def __init__(self, radius):
        self.radius = radius

    def area(self):
        return math.pi * self.radius**2

    def perimeter(self):
        return 2 * math.pi * self.radius


class Triangle(Shape):
    name = "triangle"

    def __init__(self, a, b, c):
        if a + b <= c or a + c <= b or b + c <= a:
            raise ValueError(f"sides {a}, {b}, {c} do not make a triangle")
        self.sides = (a, b, c)

    def perimeter(self):
        return sum(self.sides)

    def area(self):
        s = self.perimeter() / 2
        a, b, c = self.sides
        return math.sqrt(s * (s - a) * (s - b) * (s - c))


shapes = [Rectangle(3, 4), Square(2.5), Circle(1), Triangle(3, 4, 5)]
for shape in sorted(shapes):
    print(shape)
print(max(shapes).name, min(shapes).name, round(sum(s.area() for s in shapes), 3))
print([type(s).__name__ for s in shapes if isinstance(s, Rectangle)])
try:
    Triangle(1, 2, 10)
except ValueError as error:
    print(error)
try:
    Shape().area()
except NotImplementedError as error:
    print("NotImplementedError:", error)
class Blob(Shape):
    pass
try:
    print(Blob())
except NotImplementedError as error:
    print("NotImplementedError:", repr(error))
