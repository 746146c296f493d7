registry = {
    "v1.0": 0.81,
    "v1.1": 0.89,
    "v2.0": 0.86,
}
for version, accuracy in registry.items():
    print(version, accuracy)
print("deploy", "v1.1")
