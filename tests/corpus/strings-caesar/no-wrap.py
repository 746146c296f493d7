def caesar(text, shift):
    result = ""
    for ch in text:
        if ch.isalpha():
            result += chr(ord(ch) + shift)
        else:
            result += ch
    return result
