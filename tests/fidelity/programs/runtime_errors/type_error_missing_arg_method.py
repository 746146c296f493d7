class Rectangle:
    def __init__(self, width, height):
        self.width = width
        self.height = height

    def area(self):
        return self.width * self.height


def build(sizes):
    return [Rectangle(*size) for size in sizes]


shapes = build([(2, 3), (4,)])
print(shapes)
