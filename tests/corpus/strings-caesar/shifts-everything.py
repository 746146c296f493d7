def caesar(text, shift):
    result = ""
    for ch in text:
        base = ord("A") if ch.isupper() else ord("a")
        result += chr((ord(ch) - base + shift) % 26 + base)
    return result
