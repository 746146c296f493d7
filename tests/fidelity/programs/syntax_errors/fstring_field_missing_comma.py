# A missing operator inside an f-string field: 3.11 shows the field as an expression.
name = "Ada"
print(f"Hello {name name}!")
