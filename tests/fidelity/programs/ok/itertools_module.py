import itertools
from itertools import accumulate, chain, combinations, count, cycle, groupby, islice, permutations, product

print(list(permutations("abc", 2)))
print(list(combinations([1, 2, 3, 4], 2)))
print(list(itertools.combinations_with_replacement("ab", 2)))
print(list(product("ab", repeat=2)), len(list(product(range(3), range(4)))))
print(list(accumulate([1, 2, 3, 4])), list(accumulate([3, 1, 4, 1, 5], max)))
print(list(chain("ab", [1, 2])), list(chain.from_iterable([[1], [2, 3]])))
print(list(islice(count(10, 5), 4)), list(islice(cycle("xy"), 5)), list(islice("abcdefg", 1, 6, 2)))
data = sorted(["apple", "avocado", "banana", "blueberry", "cherry"], key=lambda w: w[0])
for letter, group in groupby(data, key=lambda w: w[0]):
    print(letter, list(group))
print([(k, len(list(g))) for k, g in groupby("aaabccdd")])
print(list(itertools.zip_longest("abc", [1], fillvalue="-")))
print(list(itertools.pairwise([1, 4, 9, 16])), list(itertools.starmap(pow, [(2, 3), (3, 2)])))
print(list(itertools.takewhile(lambda n: n < 4, [1, 3, 5, 2])), list(itertools.dropwhile(lambda n: n < 4, [1, 3, 5, 2])))
print(list(itertools.filterfalse(str.isdigit, "a1b2")), list(itertools.compress("abcd", [1, 0, 1, 0])))
print(list(itertools.repeat("z", 3)), [list(t) for t in itertools.tee([1, 2], 2)])
counter = count()
print(next(counter), next(counter), next(counter))
for i, color in zip(range(4), cycle(["red", "green"])):
    print(i, color)
print(sum(1 for _ in permutations(range(5))))
