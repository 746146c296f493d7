def best_run(runs):
    best = max(runs, key=lambda run: (run["accuracy"], -run["loss"]))
    return best["id"]
