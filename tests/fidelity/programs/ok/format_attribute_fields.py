# str.format with attribute fields ({0.name}): results, and the errors str.format raises.
class Person:
    name = "Ada"
    age = 36


ada = Person()
print("{0.name} is {0.age}".format(ada), "{p.name:>6}|".format(p=ada))
print("{0.name:>{1}}|".format(ada, 8), "{0.name:{fill}^9}|".format(ada, fill="*"))
for template, args in (
    ("{0.name} {1}", (ada,)),
    ("{:>{}}", ("x",)),
    ("{0.name} {}", (ada,)),
    ("{} {0.name}", (ada,)),
    ("{2.name}", (ada, ada)),
    ("{0.height}", (ada,)),
):
    try:
        print(template.format(*args))
    except (IndexError, ValueError, AttributeError) as error:
        print(type(error).__name__, error)
