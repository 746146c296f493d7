answer = 42
guess = 42
if guess := answer:
    print("correct")
else:
    print("try again")
