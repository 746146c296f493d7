answer = 42
guess = 42
if answer == guess:  # compare, do not assign
    print("correct")
else:
    print("try again")
