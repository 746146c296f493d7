result = sum([0.1] * 3)
print(result)
assert result == 0.3
