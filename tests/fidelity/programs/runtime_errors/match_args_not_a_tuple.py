class Point:
    __match_args__ = ["x", "y"]

    def __init__(self, x, y):
        self.x, self.y = x, y


def where(point):
    match point:
        case Point(x, y):
            return x, y


print(where(Point(1, 2)))
