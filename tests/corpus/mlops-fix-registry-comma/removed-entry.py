registry = {
    "v1.0": 0.81,
    "v1.1": 0.89
}
for version, accuracy in registry.items():
    print(version, accuracy)
best = max(registry, key=registry.get)
print("deploy", best)
