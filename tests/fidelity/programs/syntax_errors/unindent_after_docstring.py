def greet():
    """Say hi."""
  print("hi")
