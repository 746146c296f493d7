import string


def caesar(text, shift):
    lower = string.ascii_lowercase
    upper = string.ascii_uppercase
    out = []
    for ch in text:
        if ch in lower:
            out.append(lower[(lower.index(ch) + shift) % 26])
        elif ch in upper:
            out.append(upper[(upper.index(ch) + shift) % 26])
        else:
            out.append(ch)
    return "".join(out)
