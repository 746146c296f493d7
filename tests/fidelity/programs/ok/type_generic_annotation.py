# type[...] in annotations, as typed code writes a factory's parameter.
class Animal:
    pass


def make(cls: type[Animal]) -> Animal:
    return cls()


print(type(make(Animal)).__name__, type[Animal], type[int | str])
print(make.__annotations__)
