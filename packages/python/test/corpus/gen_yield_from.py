# yield from: delegation, return values passed back, nested delegation, send through.
def inner():
    x = yield "inner 1"
    yield "inner got " + str(x)
    return "inner result"


def outer():
    result = yield from inner()
    yield "outer got " + result
    yield from [10, 20]
    yield from range(2)


g = outer()
print(next(g))
print(g.send(42))
print(list(g))


def flatten(items):
    for item in items:
        if isinstance(item, list):
            yield from flatten(item)
        else:
            yield item


print(list(flatten([1, [2, [3, [4, 5]], 6], [[7]]])))


def tree(n):
    if n == 0:
        return 0
    left = yield from tree(n - 1)
    yield n
    return left + n


print(list(tree(3)))
t = tree(3)
try:
    while True:
        next(t)
except StopIteration as e:
    print("sum returned through yield from:", e.value)
