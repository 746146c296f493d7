greetings = ["Hello", "Grüß Gott", "Bonjour ça va", "こんにちは", "Привет", "مرحبا", "שלום", "你好", "Γειά σου"]
for g in greetings:
    print(f"{g:<15}|{len(g):>3}|{g.upper()}")
print("Emoji: 🐍 🎉 👍🏽 ❤️ 🇨🇭", len("🐍"), len("👍🏽"), len("🇨🇭"))
print("Box: ┌─┬─┐ │ │ ├─┼─┤ └─┴─┘", "Arrows: ← ↑ → ↓ ⇒", "Math: ∑ ∫ √ ∞ ≠ ≤ ≥ π")
print("Accents: é è ê ë à ç ñ ø å ü", "e\u0301", len("e\u0301"), "\u00e9" == "e\u0301")
print(ord("é"), ord("€"), chr(8364), chr(128013), hex(ord("🐍")), "\N{GREEK SMALL LETTER ALPHA}")
print("straße".upper(), "ǅ".lower(), "ﬁ".upper(), "İstanbul".lower(), "ΣΊΣΥΦΟΣ".lower())
print(ascii("naïve ☕"), repr("tab\there"), repr("é"), repr("\x00\x7f"), repr("🐍"))
print("naïve café".encode("utf-8"), "€".encode("utf-16-le"), b"caf\xc3\xa9".decode("utf-8"))
print(sorted(["zebra", "Äpfel", "apple", "Zoo", "éclair"]), "ä" < "z", max("héllo"))
print("¡".join(["a", "b"]), "→".center(9, "·"), f"{'ñ':*^7}", "ß".casefold() == "ss".casefold())
print("😀"[0], "abc😀def"[3:5], "".join(reversed("añb")), "日本語".encode()[:3])
print("\u2603", "\U0001F600", "\x41", "\101", "tab:\t|", "bell-free", "\\n literally")
word = "Ελληνικά"
print(word.isalpha(), word[::-1], word.count("λ"), word.find("ν"), [c for c in word[:3]])
print("١٢٣".isdigit(), int("١٢٣"), "½".isnumeric(), "Ⅻ".isnumeric(), "٣".isdecimal())
