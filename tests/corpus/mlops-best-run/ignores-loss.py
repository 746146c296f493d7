def best_run(runs):
    if not runs:
        return None
    return max(runs, key=lambda run: run["accuracy"])["id"]
