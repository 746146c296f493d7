class Animal:
    def speak(self):
        raise NotImplementedError("subclasses must implement speak()")


class Dog(Animal):
    def speak(self):
        return "Woof"


class Fish(Animal):
    pass


for pet in [Dog(), Fish()]:
    print(pet.speak())
