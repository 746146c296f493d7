import heapq

nums = [5, 1, 8, 3, 9, 2]
heapq.heapify(nums)
print(nums, nums[0])
heapq.heappush(nums, 0)
print(heapq.heappop(nums), heapq.heappop(nums), nums)
print(heapq.nlargest(3, [4, 1, 7, 3, 9]), heapq.nsmallest(2, [4, 1, 7, 3, 9]))
people = [("ann", 31), ("bob", 25), ("cy", 40)]
print(heapq.nsmallest(1, people, key=lambda p: p[1]), heapq.nlargest(2, people, key=lambda p: p[1]))
tasks = []
heapq.heappush(tasks, (2, "write code"))
heapq.heappush(tasks, (1, "plan"))
heapq.heappush(tasks, (3, "test"))
heapq.heappush(tasks, (1, "coffee"))
while tasks:
    priority, task = heapq.heappop(tasks)
    print(priority, task)
print(list(heapq.merge([1, 4, 7], [2, 5, 8], [3])), heapq.heappushpop([1, 5], 3))
h = [3, 6, 9]
print(heapq.heapreplace(h, 10), h)
print(sorted(nums) == [heapq.heappop(nums) for _ in range(len(nums))])
