class Temperature:
    def __init__(self, celsius=0.0):
        self._celsius = None
        self.celsius = celsius
        self.__history = []

    @property
    def celsius(self):
        return self._celsius

    @celsius.setter
    def celsius(self, value):
        if value < -273.15:
            raise ValueError(f"{value} is below absolute zero")
        self._celsius = value

    @celsius.deleter
    def celsius(self):
        print("resetting")
        self._celsius = 0.0

    @property
    def fahrenheit(self):
        return self._celsius * 9 / 5 + 32

    def record(self):
        self.__history.append(self._celsius)
        return list(self.__history)

    def _secret(self):
        return "internal helper"


t = Temperature(25)
print(t.celsius, t.fahrenheit)
t.celsius = 100
print(t.celsius, t.fahrenheit, t.record(), t.record())
try:
    t.celsius = -300
except ValueError as error:
    print("error:", error)
try:
    t.fahrenheit = 5
except AttributeError as error:
    print("AttributeError:", error)
del t.celsius
print(t.celsius, t._celsius, t._secret(), t._Temperature__history)


class Account:
    __slots__ = ("owner", "_balance")

    def __init__(self, owner):
        self.owner = owner
        self._balance = 0

    balance = property(lambda self: self._balance)

    def deposit(self, amount):
        self._balance += amount
        return self


acct = Account("ann").deposit(50).deposit(25)
print(acct.owner, acct.balance)
try:
    acct.nickname = "a"
except AttributeError as error:
    print("AttributeError:", error)
