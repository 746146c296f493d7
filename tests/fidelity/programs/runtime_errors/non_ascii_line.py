# Carets under a line with accented text and an emoji: CPython measures their display width.
def moyenne(notes):
    return sum(notes) / len(notes)


print("Résultat 🎓 :", moyenne([]))
