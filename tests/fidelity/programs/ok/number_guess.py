import random

random.seed(2024)
secret = random.randint(1, 100)
print("I'm thinking of a number between 1 and 100.")
attempts = 0
while True:
    try:
        guess = int(input("Your guess: "))
    except ValueError:
        print("That's not a number!")
        continue
    except EOFError:
        print("\nGave up! It was", secret)
        break
    attempts += 1
    if guess < secret:
        print("Too low.")
    elif guess > secret:
        print("Too high.")
    else:
        print(f"Correct! {secret} in {attempts} attempts.")
        break
