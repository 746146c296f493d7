total = 0
numbers = [1, 2, 3]
sum = 0
for n in numbers:
    sum += n
print(sum)
print(sum(numbers))
