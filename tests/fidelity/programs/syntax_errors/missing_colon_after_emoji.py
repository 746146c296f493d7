name = "🐍"
if name == "🐍"
    print(name)
