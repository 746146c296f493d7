π = 3.14159
größe = 5
café = "crème brûlée"
résumé = {"nom": "Zoë", "âge": 30}


def aire(rayon):
    return π * rayon**2


class Étudiant:
    def __init__(self, prénom):
        self.prénom = prénom

    def salut(self):
        return f"Salut, {self.prénom}!"


print(f"{aire(größe):.2f}", café.title(), résumé["nom"], résumé)
print(Étudiant("Zoë").salut(), Étudiant.__name__, len("Étudiant"))
Δ = [b - a for a, b in zip([1, 4, 9], [4, 9, 16])]
print("Δ =", Δ)
