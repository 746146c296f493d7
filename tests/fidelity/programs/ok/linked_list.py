class Node:
    def __init__(self, value, next=None):
        self.value = value
        self.next = next


class LinkedList:
    def __init__(self, items=()):
        self.head = None
        self._size = 0
        for item in items:
            self.append(item)

    def append(self, value):
        node = Node(value)
        if self.head is None:
            self.head = node
        else:
            current = self.head
            while current.next:
                current = current.next
            current.next = node
        self._size += 1

    def prepend(self, value):
        self.head = Node(value, self.head)
        self._size += 1

    def remove(self, value):
        previous, current = None, self.head
        while current:
            if current.value == value:
                if previous:
                    previous.next = current.next
                else:
                    self.head = current.next
                self._size -= 1
                return True
            previous, current = current, current.next
        return False

    def reverse(self):
        previous, current = None, self.head
        while current:
            current.next, previous, current = previous, current, current.next

        self.head = previous

    def __iter__(self):
        current = self.head
        while current:
            yield current.value
            current = current.next

    def __len__(self):
        return self._size

    def __contains__(self, value):
        return any(v == value for v in self)

    def __getitem__(self, index):
        if index < 0:
            index += len(self)
        for i, value in enumerate(self):
            if i == index:
                return value
        raise IndexError("LinkedList index out of range")

    def __repr__(self):
        return "LinkedList([" + ", ".join(repr(v) for v in self) + "])"

    def __str__(self):
        return " -> ".join(str(v) for v in self) + " -> None"


items = LinkedList([3, 1, 4])
items.append(1)
items.prepend(9)
print(items, len(items), repr(items))
print(items.remove(1), items.remove(42), items)
items.reverse()
print(items, list(items), items[0], items[-1], 4 in items, 7 in items)
try:
    items[10]
except IndexError as error:
    print("IndexError:", error)
print(sorted(items), sum(items), max(items), LinkedList())
