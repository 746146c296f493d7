numbers = [3, 1, 2]
sorted_numbers = numbers.sort()
print("sorted:", numbers)
sorted_numbers.append(4)
