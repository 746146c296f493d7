def setup():
    config = {"debug": True}
    return "ok"


print(setup())
print(config["debug"])
