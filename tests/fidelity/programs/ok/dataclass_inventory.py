from dataclasses import dataclass, field
from typing import Optional


@dataclass
class Product:
    sku: str
    name: str
    price: float
    stock: int = 0
    tags: list[str] = field(default_factory=list)
    discount: Optional[float] = None

    @property
    def final_price(self) -> float:
        return round(self.price * (1 - (self.discount or 0)), 2)

    def restock(self, amount: int) -> None:
        if amount <= 0:
            raise ValueError("amount must be positive")
        self.stock += amount


@dataclass(order=True, frozen=True)
class Version:
    major: int
    minor: int = 0
    patch: int = 0

    @classmethod
    def parse(cls, text: str) -> "Version":
        return cls(*(int(p) for p in text.split(".")))

    def __str__(self) -> str:
        return f"{self.major}.{self.minor}.{self.patch}"


products = [
    Product("A1", "Widget", 9.99, 5, ["tools"]),
    Product("B2", "Gadget", 24.5, discount=0.2),
    Product("C3", "Doohickey", 4.25, 100, ["misc", "sale"], 0.1),
]
products[1].restock(7)
for product in sorted(products, key=lambda p: p.final_price):
    print(f"{product.sku} {product.name:<10} {product.final_price:>6.2f} x{product.stock:<3} {product.tags}")
print(products[0])
print(products[0] == Product("A1", "Widget", 9.99, 5, ["tools"]))
versions = sorted(Version.parse(v) for v in ["1.10.0", "1.2.3", "1.2", "0.9.9"])
print([str(v) for v in versions], max(versions), Version(1) < Version(1, 0, 1))
print({Version(1, 2): "pinned"}, repr(Version.parse("2.0")))
try:
    products[2].restock(0)
except ValueError as error:
    print("ValueError:", error)
