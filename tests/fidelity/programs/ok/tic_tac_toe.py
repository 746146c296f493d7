def new_board():
    return [[" "] * 3 for _ in range(3)]


def show(board):
    print("\n---+---+---\n".join(" " + " | ".join(row) for row in board))
    print()


def winner(board):
    lines = [row[:] for row in board]
    lines += [[board[r][c] for r in range(3)] for c in range(3)]
    lines.append([board[i][i] for i in range(3)])
    lines.append([board[i][2 - i] for i in range(3)])
    for line in lines:
        if line[0] != " " and line.count(line[0]) == 3:
            return line[0]
    if all(cell != " " for row in board for cell in row):
        return "draw"
    return None


board = new_board()
moves = [(1, 1), (0, 0), (0, 2), (2, 0), (1, 0), (1, 2), (2, 1), (0, 1), (2, 2)]
player = "X"
for row, col in moves:
    if board[row][col] != " ":
        print("occupied!")
        continue
    board[row][col] = player
    result = winner(board)
    if result:
        show(board)
        print("Result:", result)
        break
    player = "O" if player == "X" else "X"
else:
    show(board)
    print("no result")
