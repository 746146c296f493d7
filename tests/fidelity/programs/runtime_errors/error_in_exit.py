class Closing:
    def __enter__(self):
        return self

    def __exit__(self, kind, value, traceback):
        raise RuntimeError(f"could not close after {kind.__name__}")


with Closing():
    {}["missing"]
