print("stage ingest done")
print("stage validate done")
print("stage train done")
print("stage deploy done")
