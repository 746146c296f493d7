def best_run(runs):
    if runs == []:
        return None
    ranked = sorted(runs, key=lambda r: (-r["accuracy"], r["loss"]))
    return ranked[0]["id"]
