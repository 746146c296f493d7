# A form feed and a U+2028 inside strings start no new line for the traceback.
page = "onetwo"
note = "left right"
print(len(page), len(note))
print(page.index(note))
