# Generator pipelines, infinite generators, and lazy evaluation order.
def numbers():
    n = 0
    while True:
        print("produce", n)
        yield n
        n += 1


def evens(source):
    for n in source:
        if n % 2 == 0:
            yield n


def take(n, source):
    for i, v in enumerate(source):
        if i >= n:
            return
        yield v


print(list(take(3, evens(numbers()))))


def chunks(items, size):
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


print(list(chunks(range(7), 3)))
gen = (x * 10 for x in range(3))
print(list(zip(gen, "abc")))
print(list(map(lambda p: p[0] * p[1], zip(range(4), range(4, 8)))))
it = iter([1, 2, 3, 4])
print(list(zip(it, it)))


def running_total(values):
    total = 0
    for v in values:
        total += v
        yield total


print(list(running_total(range(1, 6))), any(v > 10 for v in running_total(range(10))))
