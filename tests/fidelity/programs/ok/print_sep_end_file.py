# print with sep, end, file= and flush=, and how values are shown
class Recorder:
    def __init__(self):
        self.chunks = []

    def write(self, text):
        self.chunks.append(text)
        return len(text)

    def flush(self):
        self.chunks.append("<flush>")


log = Recorder()
print("Hello, world!")
print()
print("a", "b", "c")
print("a", "b", "c", sep="")
print("a", "b", "c", sep=", ", end=".\n")
print("no newline", end="")
print(" -- continued")
print(1, 2.5, True, None, [1, "two"], (3,), {"k": 4}, sep=" | ")
print("to the recorder", 42, file=log, sep="=")
print("flushed", file=log, flush=True)
print("to stdout", file=None)
print(log.chunks)
print(*range(5), sep="-")
print(*"abc")
print("multi\nline\ttabbed")
print('quotes: "double" and \'single\'')
print(repr("it's"), repr('say "hi"'), repr("both ' and \""))
print(0.1 + 0.2, 1 / 3, 2 / 2, 10 / 4, 1e16, 1e-5, 123456789.0 * 10)
print(-0.0, float("inf"), float("-inf"), float("nan"))
print(10**20, -7 // 2, -7 % 2, 7 // -2, 2**0.5)
print(3 + 4j, complex(1, -1), abs(3 + 4j))
print("%d items" % 3, "%s!" % "done", end="\n\n")
print("", end="")
print("end")
