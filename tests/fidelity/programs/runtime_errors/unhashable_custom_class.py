class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __eq__(self, other):
        return (self.x, self.y) == (other.x, other.y)


print(Point(1, 2) == Point(1, 2))
visited = {Point(0, 0)}
