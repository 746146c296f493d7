n = int(input())
numbers = list(map(int, input().split()))
assert len(numbers) == n
queries = int(input())
prefix = [0]
for value in numbers:
    prefix.append(prefix[-1] + value)
for _ in range(queries):
    left, right = map(int, input().split())
    print(prefix[right] - prefix[left - 1])
print(*sorted(numbers, reverse=True))
print(max(numbers), min(numbers), sum(numbers) / n)
