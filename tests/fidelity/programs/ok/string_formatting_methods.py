class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y


p = Point(3, -4)
print("Point({0.x}, {0.y})".format(p), "{p.x:+d}/{p.y:+d}".format(p=p))
print("{0[0]}-{0[1]}-{1[k]}".format(["a", "b"], {"k": "v"}), "{:{}}|".format("w", 6))
print("{!r} {!s} {!a}".format("é", "é", "é"), "{0!r:>10}".format([1]))
print("{:*^20}".format(" menu "), "{:=+8.2f}".format(-3.14159), "{:#_b}".format(1024))
data = {"name": "Ann", "items": ["x", "y"]}
print("{name} has {items[1]}".format_map(data), "%(name)s/%(name)r" % data)
template = "{greeting}, {name}!"
for name in ["Ann", "Bob"]:
    print(template.format(greeting="Hi", name=name))
print("{0}{1}{0}".format("ab", "-"), "{}".format({"a": 1}), "{}".format(None))
try:
    "{missing}".format(other=1)
except KeyError as error:
    print("KeyError:", error)
try:
    "{0} {1}".format("only one")
except IndexError as error:
    print("IndexError:", error)
try:
    "{:d}".format("text")
except ValueError as error:
    print("ValueError:", error)
try:
    "{0.z}".format(p)
except AttributeError as error:
    print("AttributeError:", error)
recursive = [1, 2]
recursive.append(recursive)
print(recursive, {"self": "ref"})
