class Player:
    def __init__(self, name):
        self.name = name

    def score_point(self):
        self.score += 1


p = Player("Ann")
print(p.name)
p.score_point()
