import string
from string import Template

print(string.ascii_lowercase, string.ascii_uppercase, string.digits)
print(string.punctuation, string.hexdigits, string.octdigits)
print(repr(string.whitespace), len(string.printable), len(string.ascii_letters))
print(string.capwords("hello   big  world"), "hello   big world".title())


def caesar(text, shift):
    lower = string.ascii_lowercase
    upper = string.ascii_uppercase
    table = str.maketrans(lower + upper, lower[shift:] + lower[:shift] + upper[shift:] + upper[:shift])
    return text.translate(table)


secret = caesar("Hello, World!", 3)
print(secret, caesar(secret, -3))
t = Template("$who likes $what; ${who}'s cost: $$5")
print(t.substitute(who="Tim", what="kung pao"))
print(t.safe_substitute(who="Ann"))
print(Template("$a-$b").substitute({"a": 1, "b": 2}))
try:
    Template("$missing").substitute()
except KeyError as error:
    print("KeyError", error)
counts = {ch: 0 for ch in "letters digits punct other".split()}
for ch in "Hi there, 42 times!":
    if ch in string.ascii_letters:
        counts["letters"] += 1
    elif ch in string.digits:
        counts["digits"] += 1
    elif ch in string.punctuation:
        counts["punct"] += 1
    else:
        counts["other"] += 1
print(counts)
print("".join(c for c in "Don't stop, believing!" if c not in string.punctuation))
