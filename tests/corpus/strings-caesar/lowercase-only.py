def caesar(text, shift):
    alphabet = "abcdefghijklmnopqrstuvwxyz"
    result = ""
    for ch in text.lower():
        if ch in alphabet:
            result += alphabet[(alphabet.index(ch) + shift) % 26]
        else:
            result += ch
    return result
