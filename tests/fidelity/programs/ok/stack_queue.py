from collections import deque


class Stack:
    def __init__(self):
        self._items = []

    def push(self, item):
        self._items.append(item)

    def pop(self):
        if not self._items:
            raise IndexError("pop from empty stack")
        return self._items.pop()

    def peek(self):
        return self._items[-1] if self._items else None

    def is_empty(self):
        return not self._items

    def __len__(self):
        return len(self._items)


def balanced(text):
    pairs = {")": "(", "]": "[", "}": "{"}
    stack = Stack()
    for ch in text:
        if ch in "([{":
            stack.push(ch)
        elif ch in pairs:
            if stack.is_empty() or stack.pop() != pairs[ch]:
                return False
    return stack.is_empty()


def evaluate_rpn(expression):
    stack = Stack()
    for token in expression.split():
        if token in "+-*/":
            b, a = stack.pop(), stack.pop()
            stack.push({"+": a + b, "-": a - b, "*": a * b, "/": a / b}[token])
        else:
            stack.push(float(token))
    return stack.pop()


for text in ["(a[b]{c})", "(]", "((", "", "{[()()]}"]:
    print(repr(text), balanced(text))
print(evaluate_rpn("3 4 + 2 *"), evaluate_rpn("5 1 2 + 4 * + 3 -"))
queue = deque()
for customer in ["ann", "bob", "cy"]:
    queue.append(customer)
    print("joined:", customer, list(queue))
while queue:
    print("serving", queue.popleft(), "| waiting:", len(queue))
s = Stack()
try:
    s.pop()
except IndexError as error:
    print("IndexError:", error, "| peek:", s.peek())
