print("héllo wörld" x)
