user = "Mira"
score = 42
print("Hello, {user}!")
print(f"Your score is {score}.")
