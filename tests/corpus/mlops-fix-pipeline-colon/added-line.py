stages = ["ingest", "validate", "train", "deploy"]
for stage in stages:
    print(f"stage {stage} done")
print("pipeline finished")
