class Student:
    def __init__(self, name, grade):
        self.name = name
        self.grade = grade

    def report(self):
        return f"{self.nmae}: {self.grade}"


s = Student("Ann", 91)
print(s.name)
print(s.report())
