# Saved with Windows line endings: the carets stay under the subscript.
scores = [90, 85]
print(scores[0])
print(scores[5])
