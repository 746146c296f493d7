import copy

original = [[1, 2], [3, 4], {"k": [5]}]
shallow = copy.copy(original)
deep = copy.deepcopy(original)
original[0].append(99)
original[2]["k"].append(6)
original.append("new")
print(original)
print(shallow)
print(deep)
print(shallow[0] is original[0], deep[0] is original[0], shallow is original)


class Node:
    def __init__(self, value, children=None):
        self.value = value
        self.children = children or []

    def __repr__(self):
        return f"Node({self.value}, {self.children})"


tree = Node(1, [Node(2), Node(3, [Node(4)])])
clone = copy.deepcopy(tree)
clone.children[1].value = 30
twin = copy.copy(tree)
twin.value = 100
twin.children.append(Node(5))
print(tree)
print(clone)
print(twin)
cycle = [1]
cycle.append(cycle)
dup = copy.deepcopy(cycle)
print(dup, dup[1] is dup, dup is not cycle)
print(copy.copy((1, 2)), copy.deepcopy({"a": (1, [2])}), list(original) == original[:])
