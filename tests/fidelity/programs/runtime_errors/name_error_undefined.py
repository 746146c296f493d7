print("start")
result = compute_answer(42)
