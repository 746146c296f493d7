scores = []
while len(scores) < 3:
    raw = input(f"Score {len(scores) + 1}: ")
    scores.append(int(raw))
    print("average so far:", sum(scores) / len(scores))
