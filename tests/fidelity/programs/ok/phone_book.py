book = {}
print("Commands: add NAME NUMBER | find NAME | list | quit")
while True:
    try:
        line = input("> ").strip()
    except EOFError:
        print("bye (end of input)")
        break
    if not line:
        continue
    command, *args = line.split()
    command = command.lower()
    if command == "add" and len(args) == 2:
        name, number = args
        book[name.title()] = number
        print(f"added {name.title()}")
    elif command == "find" and args:
        name = args[0].title()
        print(book.get(name, f"{name} not found"))
    elif command == "list":
        for name in sorted(book):
            print(f"  {name:<10} {book[name]}")
    elif command == "quit":
        print("bye")
        break
    else:
        print(f"unknown command: {line!r}")
print(len(book), "entries")
