user = "Mira"
score = 42
print(f'Hello, {user}!')
print(f"Your score is {score}.")
