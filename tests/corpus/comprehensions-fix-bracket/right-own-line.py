names = ["train.csv", "test.csv", "model.pkl"]
lengths = [len(name) for name in names
]  # closed the bracket
print(lengths)
print(max(lengths))
