class Node:
    def __init__(self, value, next=None):
        self.value = value
        self.next = next

    def total(self):
        return self.value + self.next.total()


chain = Node(1, Node(2, Node(3)))
print(chain.value, chain.next.value)
print(chain.total())
