class Session:
    def __enter__(self):
        print("open session")
        return self

    def __exit__(self, kind, value, tb):
        print("close session:", kind.__name__ if kind else None)
        return False

    def query(self, table):
        tables = {"users": ["ann", "bob"]}
        return tables[table]


with Session() as s:
    print(s.query("users"))
    print(s.query("orders"))
