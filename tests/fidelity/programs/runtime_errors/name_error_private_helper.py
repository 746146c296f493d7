def _helper(x):
    return x * 2


print(_helper(2))
print(_helpr(3))
