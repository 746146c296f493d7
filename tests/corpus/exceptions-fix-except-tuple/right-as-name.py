def safe_ratio(a, b):
    try:
        return float(a) / float(b)
    except (TypeError, ValueError) as error:
        return None

print(safe_ratio("3", "4"))
print(safe_ratio("three", "4"))
print(safe_ratio(None, 2))
