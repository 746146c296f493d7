import re

text = "Contact: ann@example.com, bob.smith@mail.org; phone 555-1234 or 555-9876."
print(re.findall(r"[\w.]+@[\w.]+\.\w+", text))
print(re.findall(r"(\d{3})-(\d{4})", text))
m = re.search(r"(\w+)@(\w+)\.com", text)
print(m.group(), m.group(1), m.group(2), m.groups(), m.span(), m.start(2))
print(re.match(r"\d+", "123abc").group(), re.match(r"\d+", "abc123"))
print(bool(re.fullmatch(r"[A-Z][a-z]+", "Hello")), bool(re.fullmatch(r"[A-Z][a-z]+", "Hello!")))
date = re.search(r"(?P<year>\d{4})-(?P<month>\d\d)-(?P<day>\d\d)", "due 2024-03-15 noon")
print(date.group("year"), date["month"], date.groupdict())
print(re.sub(r"\s+", " ", "too    many   spaces"), re.sub(r"(\w+) (\w+)", r"\2 \1", "hello world"))
print(re.sub(r"\d+", lambda mo: str(int(mo.group()) * 2), "3 apples and 10 pears"))
print(re.subn("a", "A", "banana"), re.split(r"[,;]\s*", "a, b;c,   d"), re.split(r"(\d)", "a1b2c"))
pattern = re.compile(r"^\s*(\w+)\s*=\s*(.*?)\s*$", re.MULTILINE)
config = "name = demo\n  level=3  \nbad line\nmode =  fast"
print(pattern.findall(config), pattern.pattern)
print(re.findall(r"python", "Python PYTHON python", flags=re.IGNORECASE))
for match in re.finditer(r"\b\w{5}\b", "small words and large words"):
    print(match.group(), match.start(), match.end())
print(re.escape("1+1=2?"), re.findall(r"^#.*", "#a\nb\n#c", re.M))
valid = re.compile(r"^[\w.+-]+@[\w-]+\.[\w.]+$")
for email in ["user@site.com", "bad@", "x.y+z@a-b.co.uk"]:
    print(email, bool(valid.match(email)))
print(re.search("z", "abc"), repr(re.compile(r"a+b")))
