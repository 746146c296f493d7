import operator
from functools import reduce
from operator import attrgetter, itemgetter, methodcaller


class Employee:
    def __init__(self, name, dept, salary):
        self.name = name
        self.dept = dept
        self.salary = salary

    def __repr__(self):
        return self.name


staff = [Employee("ann", "ops", 50), Employee("bob", "dev", 70), Employee("cy", "dev", 60)]
print(sorted(staff, key=attrgetter("salary")), sorted(staff, key=attrgetter("dept", "name")))
print(list(map(attrgetter("name"), staff)), attrgetter("name", "salary")(staff[0]))
rows = [("b", 2), ("a", 3), ("c", 1)]
print(sorted(rows, key=itemgetter(1)), itemgetter(0, 1)("xyz"), itemgetter("k")({"k": 9}))
print(reduce(operator.add, [1, 2, 3]), reduce(operator.mul, range(1, 6)), operator.add("a", "b"))
print(operator.sub(10, 3), operator.truediv(7, 2), operator.floordiv(7, 2), operator.mod(7, 3), operator.neg(4))
print(operator.eq(1, 1.0), operator.lt(2, 1), operator.not_(0), operator.contains([1, 2], 2), operator.pow(2, 8))
print(list(map(methodcaller("upper"), ["a", "b"])), methodcaller("replace", "a", "o")("banana"))
ops = {"+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv}
for expr in ["3 + 4", "10 / 4", "6 * 7", "1 - 9"]:
    left, op, right = expr.split()
    print(expr, "=", ops[op](int(left), int(right)))
print(list(map(operator.mul, [1, 2, 3], [4, 5, 6])), operator.itemgetter(slice(1, 3))("hello"))
