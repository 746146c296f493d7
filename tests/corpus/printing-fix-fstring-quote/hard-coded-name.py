user = "Mira"
score = 42
print("Hello, Mira!")
print(f"Your score is {score}.")
