class Inventory:
    def __init__(self):
        self.items = {}

    def add(self, item, n):
        self.items[item] = self.items.get(item, 0) + n

    def remove(self, item, n):
        have = self.items.get(item, 0)
        if n > have:
            print("error: only", have, item, "left")
            return
        self.items[item] = have - n
        if self.items[item] == 0:
            del self.items[item]

    def report(self):
        if len(self.items) == 0:
            print("empty")
            return
        for name in sorted(self.items):
            print(name + ":", self.items[name])


inventory = Inventory()
while True:
    try:
        words = input().split()
    except EOFError:
        break
    if not words:
        continue
    if words[0] == "add":
        inventory.add(words[1], int(words[2]))
    elif words[0] == "remove":
        inventory.remove(words[1], int(words[2]))
    elif words[0] == "report":
        inventory.report()
