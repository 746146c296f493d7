message = """This string
never ends
print(message)
