shopping = ["milk"]
shopping.apend("eggs")
