# Exceptions crossing function calls, generators and comprehensions, caught at various levels.
def level3(n):
    if n < 0:
        raise ValueError("negative: " + str(n))
    return n


def level2(values):
    return [level3(v) for v in values]


def level1(values):
    try:
        return level2(values)
    except ValueError as e:
        return "level1 caught " + str(e)


print(level1([1, 2]))
print(level1([1, -2, 3]))


def gen(values):
    for v in values:
        yield level3(v)


g = gen([1, -1, 2])
print(next(g))
try:
    next(g)
except ValueError as e:
    print("from generator:", e)
print(next(g, "generator is finished after raising"))
errors = []
for v in [1, "x", None, 3]:
    try:
        errors.append(v + 1)
    except TypeError as e:
        errors.append(type(e).__name__)
print(errors)
