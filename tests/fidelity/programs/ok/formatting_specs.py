from datetime import date


class Item:
    def __init__(self, name, price):
        self.name = name
        self.price = price


pi = 3.14159265
n = 1234567
neg = -42
word = "cat"
print(f"[{word}] [{word:10}] [{word:<10}] [{word:>10}] [{word:^10}] [{word:*^11}] [{word:-<6}]")
print(f"[{n}] [{n:10}] [{n:<10}] [{n:^10}] [{n:010}] [{n:,}] [{n:_}] [{n:+}] [{neg:+}] [{n: }]")
print(f"[{pi:.2f}] [{pi:8.3f}] [{pi:<8.1f}] [{pi:08.2f}] [{pi:+.1f}] [{-pi:.0f}] [{2.5:.0f}]")
print(f"[{pi:e}] [{pi:.2E}] [{n:.3e}] [{pi:g}] [{1e-7:g}] [{123456789.0:g}] [{0.00012345:.2g}]")
print(f"[{0.256:%}] [{0.256:.1%}] [{1.5:.0%}] [{1234.5678:,.2f}] [{-1234.5:>12,.1f}]")
print(f"[{255:b}] [{255:o}] [{255:x}] [{255:X}] [{255:#b}] [{255:#o}] [{255:#x}] [{255:#010x}] [{5:08b}]")
print(f"[{65:c}] [{42:d}] [{True}] [{True:d}] [{None}] [{3:.2f}] [{7:5.1f}]")
width, precision = 12, 4
print(f"[{pi:{width}.{precision}f}] [{word:>{width}}] [{n:{'^'}{width},}]")
print(f"{n=}", f"{pi=:.3f}", f"{word=!r}", f"{word = }", f"{n + 1 = :,}", f"{[1, 2]=}")
print(f"{word!r} {word!s} {'café'!a} {repr(word)} {'{'}{word}{'}'} {{literal}}")
items = [Item("apple", 0.5), Item("watermelon", 3.25), Item("fig", 12)]
print(f"{'Item':<12}|{'Price':>8}")
print("-" * 21)
for item in items:
    print(f"{item.name:<12}|{item.price:>8.2f}")
print(f"{'Total':<12}|{sum(i.price for i in items):>8.2f}")
print("{} and {}".format("left", "right"), "{1} {0} {1}".format("a", "b"), "{x}-{y}".format(x=1, y=2))
print("{:>8.3f}|{:^7}|{:<5}|".format(pi, "mid", 3), "{0:{1}}|".format("w", 4), "{:,}".format(10**9))
print("{0.name} costs {0.price:.2f}".format(items[0]), "{d[key]} {l[1]}".format(d={"key": "v"}, l=[7, 8]))
print("{name}: {score:05.1f}".format_map({"name": "ann", "score": 9.25}), "{!r:>8}".format("hi"))
print("%s is %d years and %.1f%% done" % ("ann", 31, 45.678), "%5s|%-5s|%05d|%+d" % ("a", "b", 42, 7))
print("%x %X %o %e %g %r %c" % (255, 255, 8, 12345.678, 0.0001, "q", 65), "%(a)s-%(b)03d" % {"a": "k", "b": 7})
print("%10.3f|%-10.2e|%%" % (pi, 1234.5))
print(format(pi, ".3f"), format(n, ","), format(42, "b"), format("x", "^5"), format(0.5, "%"), format(12))
day = date(2024, 7, 4)
print(f"{day:%d %B %Y}", f"{day:%a}", "{:%Y/%m/%d}".format(day), f"{day!s:>15}")
print(str(3.0), str(1e22), repr(1 / 7), str(100.0 / 3), 2 / 3, 1e-4, 0.0001, 123e-10)
print(round(2.675, 2), round(0.125, 2), round(-2.5), f"{2.675:.2f}", f"{0.125:.2f}", f"{1e300 * 10}")
rows = [("Alice", 93.5, 1), ("Bob", 8.25, 12), ("Christopher", 100, 3)]
for name, score, rank in rows:
    print(f"|{name:<11.8}|{score:>7.2f}|{rank:^6d}|{rank:>+4}|")
