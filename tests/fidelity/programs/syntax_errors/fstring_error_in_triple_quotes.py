name = "Zoë"
message = f"""
Dear {name!x},
welcome.
"""
print(message)
