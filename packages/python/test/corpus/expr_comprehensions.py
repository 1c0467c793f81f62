# List, set and dict comprehensions and generator expressions, nested, filtered, with their own scopes.
print([x * x for x in range(6)])
print([x for x in range(20) if x % 3 == 0 if x % 2 == 0])
print([(x, y) for x in range(3) for y in range(x)])
print([[c for c in word] for word in ("ab", "cd")])
print({x % 4 for x in range(10)})
print({k: v for k, v in zip("abc", range(3))})
print({n: [m for m in range(n)] for n in range(4)})
print(sum(x for x in range(101)))
print(list(x + y for x, y in [(1, 2), (3, 4)]))
g = (i * 2 for i in range(3))
print(next(g), list(g), list(g))
x = "outer"
result = [x for x in range(3)]
print(x, result)
matrix = [[1, 2, 3], [4, 5, 6]]
print([[row[i] for row in matrix] for i in range(3)])
print([v for row in matrix for v in row if v % 2])


class Scope:
    base = 10
    values = [i for i in range(3)]


print(Scope.values)
