names = ["train.csv", "test.csv", "model.pkl"]
lengths = (len(name) for name in names)
print(lengths)
print(max(lengths))
