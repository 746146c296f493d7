def greet(name):
    print("Hello,", name)


greet("Ann")
greet("Ann", "Bob")
