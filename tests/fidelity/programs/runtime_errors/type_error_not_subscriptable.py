def get_scores():
    return [90, 80]


print(get_scores()[0])
print(get_scores[1])
