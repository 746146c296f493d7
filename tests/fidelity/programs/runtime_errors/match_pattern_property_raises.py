# A dotted name in a pattern whose property raises while handling another error.
class K:
    @property
    def A(self):
        try:
            return {}["missing"]
        except KeyError:
            raise ValueError("no A")


k = K()
match 1:
    case k.A:
        pass
