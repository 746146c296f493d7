item = input()
price = float(input())
quantity = int(input())
print(f"{quantity} x {item} @ {price:.2f} = {price * quantity:.2f}", end="")
