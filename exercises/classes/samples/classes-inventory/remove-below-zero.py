class Inventory:
    def __init__(self):
        self.items = {}
    def add(self, item, n):
        self.items[item] = self.items.get(item, 0) + n
    def remove(self, item, n):
        self.items[item] = self.items.get(item, 0) - n
        if self.items[item] <= 0:
            del self.items[item]
    def report(self):
        if not self.items:
            print("empty")
        for item in sorted(self.items):
            print(f"{item}: {self.items[item]}")

inv = Inventory()
while True:
    try:
        line = input()
    except EOFError:
        break
    parts = line.split()
    if parts[0] == "add":
        inv.add(parts[1], int(parts[2]))
    elif parts[0] == "remove":
        inv.remove(parts[1], int(parts[2]))
    else:
        inv.report()
