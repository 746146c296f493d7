class Tree:
    def __init__(self):
        self.child = None

    def depth(self):
        return 1 + self.child.depth() if self.child else 1


root = Tree()
node = root
for _ in range(3000):
    node.child = Tree()
    node = node.child
print(root.depth())
