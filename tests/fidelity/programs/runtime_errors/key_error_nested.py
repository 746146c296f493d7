users = {"ann": {"email": "ann@example.com"}, "bob": {}}
for name, info in users.items():
    print(name, info["email"].upper())
