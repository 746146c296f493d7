class Inventory:
    def __init__(self):
        self.items = {}

    def add(self, item, n):
        if item in self.items:
            self.items[item] += n
        else:
            self.items[item] = n

    def remove(self, item, n):
        have = self.items.get(item, 0)
        if have < n:
            print("error: only", have, item, "left")
        else:
            self.items[item] = have - n

    def report(self):
        if not self.items:
            print("empty")
        for item in sorted(self.items):
            print(item + ":", self.items[item])


inventory = Inventory()
while True:
    try:
        command = input().split()
    except EOFError:
        break
    if command[0] == "add":
        inventory.add(command[1], int(command[2]))
    elif command[0] == "remove":
        inventory.remove(command[1], int(command[2]))
    elif command[0] == "report":
        inventory.report()
