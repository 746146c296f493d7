# A message that UTF-8 cannot encode: CPython's stderr shows the lone surrogates escaped.
word = "caf" + chr(0xDCE9)  # what os.fsdecode makes of the Latin-1 byte 0xE9
print(len(word), word.isprintable())
raise ValueError(f"unknown word {word!s} ({word!r})")
