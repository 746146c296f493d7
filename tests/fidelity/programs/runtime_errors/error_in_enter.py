class Broken:
    def __enter__(self):
        return self.missing

    def __exit__(self, *info):
        return False


with Broken() as b:
    print(b)
