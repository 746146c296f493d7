def safe_ratio(a, b):
    try:
        return float(a) / float(b)
    except ValueError:
        return None
    except TypeError:
        return None

print(safe_ratio("3", "4"))
print(safe_ratio("three", "4"))
print(safe_ratio(None, 2))
