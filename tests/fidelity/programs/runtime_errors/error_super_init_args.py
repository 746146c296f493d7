class Animal:
    def __init__(self, name, sound):
        self.name = name
        self.sound = sound


class Dog(Animal):
    def __init__(self, name):
        super().__init__(name)


rex = Dog("Rex")
