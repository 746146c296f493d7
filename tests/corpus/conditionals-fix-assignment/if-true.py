answer = 42
guess = 42
if True:
    print("correct")
else:
    print("try again")
