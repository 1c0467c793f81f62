# Common dict patterns: grouping, counting, memo tables, nested defaults, merging.
people = [("ann", "eng"), ("bob", "ops"), ("cat", "eng"), ("dan", "ops"), ("eve", "hr")]
groups = {}
for name, team in people:
    groups.setdefault(team, []).append(name)
print(groups)
sizes = {team: len(names) for team, names in groups.items()}
print(sizes, sorted(sizes.items(), key=lambda kv: (-kv[1], kv[0])))
memo = {0: 0, 1: 1}


def fib(n):
    if n not in memo:
        memo[n] = fib(n - 1) + fib(n - 2)
    return memo[n]


print(fib(90), len(memo))
a = {"x": 1, "y": 2}
b = {"y": 20, "z": 30}
print({**a, **b}, {**b, **a}, dict(a, **b))
matrix = {}
for i in range(3):
    for j in range(3):
        matrix[i, j] = i * j
print(matrix[2, 2], len(matrix), [k for k in matrix if k[0] == k[1]])
print(list(zip(a.keys(), a.values())), dict(zip("xyz", range(3))))
