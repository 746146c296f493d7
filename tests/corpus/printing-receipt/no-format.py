item = input()
price = float(input())
quantity = int(input())
total = price * quantity
print(quantity, "x", item, "@", price, "=", total)
