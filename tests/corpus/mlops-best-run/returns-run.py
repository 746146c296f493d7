def best_run(runs):
    if len(runs) == 0:
        return None
    best = runs[0]
    for run in runs:
        if run["accuracy"] > best["accuracy"]:
            best = run
        elif run["accuracy"] == best["accuracy"] and run["loss"] < best["loss"]:
            best = run
    return best
