class Temperature:
    def __init__(self, degrees):
        self.degrees = degrees

    def __str__(self):
        return "%.1f degrees" % self.degree


t = Temperature(21.5)
print("Temperature object created")
print(t)
