print("Hello, world!"
