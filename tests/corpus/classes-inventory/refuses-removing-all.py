class Inventory:
    def __init__(self):
        self.items = {}

    def add(self, item, n):
        self.items[item] = self.items.get(item, 0) + n

    def remove(self, item, n):
        have = self.items.get(item, 0)
        if have <= n:
            print(f"error: only {have} {item} left")
            return
        self.items[item] = have - n

    def report(self):
        if not self.items:
            print("empty")
        for k in sorted(self.items):
            print(f"{k}: {self.items[k]}")


inventory = Inventory()
while True:
    try:
        command = input().split()
    except EOFError:
        break
    if not command:
        continue
    if command[0] == "add":
        inventory.add(command[1], int(command[2]))
    elif command[0] == "remove":
        inventory.remove(command[1], int(command[2]))
    elif command[0] == "report":
        inventory.report()
