class Item:
    def __init__(self, name, price, quantity=1):
        self.name = name
        self.price = price
        self.quantity = quantity

    @property
    def total(self):
        return self.price * self.quantity

    def __repr__(self):
        return f"Item({self.name!r}, {self.price}, {self.quantity})"


class Cart:
    TAX = 0.08

    def __init__(self):
        self.items = {}

    def add(self, name, price, quantity=1):
        if name in self.items:
            self.items[name].quantity += quantity
        else:
            self.items[name] = Item(name, price, quantity)

    def remove(self, name, quantity=1):
        item = self.items.get(name)
        if item is None:
            raise KeyError(f"{name} is not in the cart")
        item.quantity -= quantity
        if item.quantity <= 0:
            del self.items[name]

    @property
    def subtotal(self):
        return sum(item.total for item in self.items.values())

    def receipt(self):
        lines = [f"{'Item':<12}{'Qty':>4}{'Price':>9}{'Total':>9}"]
        for item in sorted(self.items.values(), key=lambda i: -i.total):
            lines.append(f"{item.name:<12}{item.quantity:>4}{item.price:>9.2f}{item.total:>9.2f}")
        tax = self.subtotal * self.TAX
        lines.append(f"{'Subtotal':<25}{self.subtotal:>9.2f}")
        lines.append(f"{'Tax (8%)':<25}{tax:>9.2f}")
        lines.append(f"{'TOTAL':<25}{self.subtotal + tax:>9.2f}")
        return "\n".join(lines)


cart = Cart()
cart.add("apple", 0.5, 6)
cart.add("bread", 2.25)
cart.add("cheese", 7.99)
cart.add("apple", 0.5, 2)
cart.remove("bread")
print(cart.items)
print(cart.receipt())
try:
    cart.remove("milk")
except KeyError as error:
    print("KeyError:", error)
