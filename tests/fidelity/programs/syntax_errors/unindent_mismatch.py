for i in range(3):
    if i > 0:
        print(i)
      print("done")
