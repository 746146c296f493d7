class Config:
    def __init__(self, **values):
        self.__dict__["_values"] = dict(values)

    def __getattr__(self, name):
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(f"no setting {name!r}") from None

    def __setattr__(self, name, value):
        print(f"setting {name}")
        self._values[name] = value

    def __delattr__(self, name):
        del self._values[name]

    def __repr__(self):
        return f"Config({self._values})"


class Matrix:
    def __init__(self, rows):
        self.rows = rows

    def __getitem__(self, key):
        r, c = key
        return self.rows[r][c]

    def __setitem__(self, key, value):
        r, c = key
        self.rows[r][c] = value

    def __eq__(self, other):
        return self.rows == other.rows

    def __matmul__(self, other):
        return Matrix([[sum(a * b for a, b in zip(row, col)) for col in zip(*other.rows)] for row in self.rows])


class Registry:
    members = []

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        Registry.members.append(cls.__name__)


class Plugin(Registry):
    pass


class Other(Registry):
    pass


class Temperature:
    def __init__(self, degrees):
        self.degrees = degrees

    def __int__(self):
        return int(self.degrees)

    def __float__(self):
        return float(self.degrees)

    def __round__(self, ndigits=None):
        return round(self.degrees, ndigits)

    def __format__(self, spec):
        if spec.endswith("F"):
            return format(self.degrees * 9 / 5 + 32, spec[:-1] or "") + "°F"
        return format(self.degrees, spec) + "°C"

    def __hash__(self):
        return hash(self.degrees)

    def __eq__(self, other):
        return self.degrees == other.degrees


class Sentence:
    def __init__(self, text):
        self.words = text.split()

    def __len__(self):
        return len(self.words)

    def __reversed__(self):
        return reversed(self.words)

    def __contains__(self, word):
        return word.lower() in (w.lower() for w in self.words)

    def __bool__(self):
        return bool(self.words)


cfg = Config(debug=True)
cfg.level = 3
print(cfg.debug, cfg.level, cfg)
del cfg.debug
try:
    cfg.debug
except AttributeError as error:
    print("AttributeError:", error)
m = Matrix([[1, 2], [3, 4]])
m[0, 1] = 5
print(m[0, 1], (m @ Matrix([[1, 0], [0, 1]])) == m, m != Matrix([[0]]))
print(Registry.members)
t = Temperature(21.456)
print(int(t), float(t), round(t, 1), round(t), f"{t:.1f}", f"{t:.0F}", {t, Temperature(21.456)} == {t})
s = Sentence("The quick brown Fox")
print(len(s), list(reversed(s)), "fox" in s, bool(s), bool(Sentence("")), "cat" in s)
