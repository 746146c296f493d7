item = input()
price = float(input())
quantity = int(input())
total = price * quantity
print("{} x {} @ {:.2f} = {:.2f}".format(quantity, item, price, total))
