def area(width, height):
    result = width * heigth
    return result


print("area of 2x3:")
print(area(2, 3))
