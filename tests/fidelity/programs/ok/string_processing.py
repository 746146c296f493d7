text = "  The quick brown fox jumps over the lazy dog.  "
clean = text.strip()
print(clean)
print(clean.upper())
print(clean.lower())
print(clean.title())
print(clean.swapcase())
print("hello world".capitalize())
words = clean.rstrip(".").split()
print(words)
print(len(words), "words")
print("-".join(words))
print(clean.replace("fox", "cat"))
print(clean.find("fox"), clean.find("wolf"), clean.index("dog"))
print(clean.count("o"), clean.count("the"), clean.lower().count("the"))
print(clean.startswith("The"), clean.endswith("dog."), "fox" in clean)
print(clean[4:9], clean[-4:], clean[::5], clean[::-1])
vowels = sum(1 for ch in clean.lower() if ch in "aeiou")
print("vowels:", vowels)


def is_palindrome(s):
    letters = [c.lower() for c in s if c.isalnum()]
    return letters == letters[::-1]


for candidate in ["Racecar", "A man, a plan, a canal: Panama!", "Python"]:
    print(f"{candidate!r} palindrome? {is_palindrome(candidate)}")

acronym = "".join(w[0] for w in "portable network graphics".split()).upper()
print(acronym)
sentence = "one,two,,three"
print(sentence.split(","), sentence.split(",", 1), sentence.rsplit(",", 1))
print("a b  c".split(" "), "a b  c".split())
print("key=value".partition("="), "no-sep".partition("="))
print("line1\nline2\r\nline3".splitlines())
print("  x  ".lstrip() + "|", "|" + "  x  ".rstrip(), "xxhixx".strip("x"))
print("42".zfill(5), "-42".zfill(5), "abc".center(9, "*"), "abc".ljust(6, ".") + "|", "abc".rjust(6))
print("tab\there".expandtabs(4))
table = str.maketrans("aeiou", "AEIOU", "xyz")
print("xylophone quiz".translate(table))
print("Hello".isalpha(), "123".isdigit(), "abc123".isalnum(), "   ".isspace(), "Title Case".istitle())
print("ß".upper(), "Straße".casefold(), "İ".lower() == "i̇")
print(ord("A"), chr(97), [ord(c) for c in "Hi!"])
print("abc" < "abd", "Zebra" < "apple", "apple" < "apple pie")
print(str(12) + str(3.5) + str(True) + str(None))
