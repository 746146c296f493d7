"""A module with a main() function and the usual guard."""

TITLE = "main guard demo"


def helper(x):
    return x * 2


def main():
    print(TITLE)
    print("__name__ is", __name__)
    print("doubled:", helper(21))
    print(__doc__)


if __name__ == "__main__":
    main()
else:
    print("imported, not run")

if __name__ != "__main__":
    print("never printed")
print(main.__module__, helper.__qualname__, main.__name__)
