# exit() ends the program quietly, keeping what was printed
for attempt in range(1, 10):
    print("attempt", attempt)
    if attempt == 3:
        print("giving up")
        exit()
print("never printed")
