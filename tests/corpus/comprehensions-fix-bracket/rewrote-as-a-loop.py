names = ["train.csv", "test.csv", "model.pkl"]
lengths = []
for name in names:
    lengths.append(len(name))
print(lengths)
print(max(lengths))
