answer = 42
guess = 42
if guess is answer:
    print("correct")
else:
    print("try again")
