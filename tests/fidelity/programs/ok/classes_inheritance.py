class Animal:
    kingdom = "Animalia"
    count = 0

    def __init__(self, name, sound="..."):
        self.name = name
        self.sound = sound
        Animal.count += 1

    def speak(self):
        return f"{self.name} says {self.sound}"

    def describe(self):
        return f"{type(self).__name__}({self.name!r})"

    def __str__(self):
        return self.speak()

    def __repr__(self):
        return self.describe()


class Dog(Animal):
    def __init__(self, name, breed):
        super().__init__(name, "Woof")
        self.breed = breed

    def speak(self):
        return super().speak() + "!"

    def fetch(self):
        return f"{self.name} the {self.breed} fetches the ball"


class Puppy(Dog):
    def speak(self):
        return super().speak().replace("Woof", "Yip")


class Cat(Animal):
    def __init__(self, name):
        super().__init__(name, sound="Meow")


pets = [Dog("Rex", "collie"), Cat("Tom"), Puppy("Bit", "pug"), Animal("Generic")]
for pet in pets:
    print(pet)
print(pets)
print(pets[0].fetch(), pets[2].fetch(), sep="; ")
print(isinstance(pets[2], Dog), isinstance(pets[1], Dog), issubclass(Puppy, Animal))
print(Animal.count, Dog.kingdom, pets[0].kingdom, Cat.__name__, Puppy.__name__)
print(type(pets[0]) is Dog, type(pets[2]) == Dog, pets[0].__class__.__name__)
print(hasattr(pets[0], "fetch"), hasattr(pets[1], "fetch"), getattr(pets[1], "breed", "n/a"))
pets[1].name = "Thomas"
print(pets[1].speak(), pets[1].__dict__)
print(Dog.speak(pets[0]), Animal.speak(pets[0]))
print(str(pets[3]), repr(pets[3]), f"{pets[0]}", f"{pets[0]!r}")
