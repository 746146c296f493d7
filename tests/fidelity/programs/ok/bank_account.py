class InsufficientFunds(Exception):
    def __init__(self, balance, amount):
        super().__init__(f"cannot withdraw {amount:.2f}; balance is {balance:.2f}")
        self.shortfall = amount - balance


class Account:
    interest_rate = 0.02
    _next_number = 1000

    def __init__(self, owner, balance=0.0):
        self.owner = owner
        self._balance = balance
        self.number = Account._next_number
        Account._next_number += 1
        self.history = []

    @property
    def balance(self):
        return self._balance

    def deposit(self, amount):
        if amount <= 0:
            raise ValueError("deposit must be positive")
        self._balance += amount
        self.history.append(("deposit", amount))

    def withdraw(self, amount):
        if amount > self._balance:
            raise InsufficientFunds(self._balance, amount)
        self._balance -= amount
        self.history.append(("withdraw", amount))

    def add_interest(self):
        self.deposit(self._balance * self.interest_rate)

    @classmethod
    def from_string(cls, text):
        owner, amount = text.split(":")
        return cls(owner.strip(), float(amount))

    @staticmethod
    def validate_owner(name):
        return name.replace(" ", "").isalpha()

    def __str__(self):
        return f"#{self.number} {self.owner}: ${self._balance:,.2f}"

    def __repr__(self):
        return f"Account({self.owner!r}, {self._balance!r})"


class SavingsAccount(Account):
    interest_rate = 0.05

    def withdraw(self, amount):
        if len([h for h in self.history if h[0] == "withdraw"]) >= 2:
            raise PermissionError("only two withdrawals allowed")
        super().withdraw(amount)


a = Account("Ann Lee", 100)
b = SavingsAccount.from_string("Bob : 2500.50")
a.deposit(50)
a.withdraw(30)
a.add_interest()
b.add_interest()
print(a)
print(b)
print(repr(a), a.history)
for amount in (500, -5):
    try:
        if amount > 0:
            a.withdraw(amount)
        else:
            a.deposit(amount)
    except InsufficientFunds as error:
        print("Error:", error, f"(short by {error.shortfall:.2f})")
    except ValueError as error:
        print("Error:", error)
for _ in range(3):
    try:
        b.withdraw(10)
        print("withdrew 10 ->", b.balance)
    except PermissionError as error:
        print("Denied:", error)
print(Account.validate_owner("Ann Lee"), Account.validate_owner("R2-D2"), Account._next_number)
accounts = sorted([a, b], key=lambda acct: acct.balance, reverse=True)
print([acc.owner for acc in accounts], sum(acc.balance for acc in accounts))
