class InsufficientFunds(Exception):
    pass


class Account:
    def __init__(self, balance):
        self.balance = balance

    def withdraw(self, amount):
        if amount > self.balance:
            raise InsufficientFunds(f"cannot withdraw {amount}; balance is {self.balance}")
        self.balance -= amount
        return self.balance


def pay_bills(account, bills):
    for bill in bills:
        print("paying", bill, "->", account.withdraw(bill))


def main():
    acct = Account(100)
    pay_bills(acct, [30, 50, 40])


main()
