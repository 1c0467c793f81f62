# Functions as values: map/filter/sorted with keys, reduce written by hand, composition.
def compose(*fns):
    def run(x):
        for fn in reversed(fns):
            x = fn(x)
        return x

    return run


def my_reduce(fn, items, start):
    acc = start
    for item in items:
        acc = fn(acc, item)
    return acc


words = ["banana", "Apple", "cherry", "date"]
print(sorted(words), sorted(words, key=str.lower), sorted(words, key=len, reverse=True))
print(list(map(len, words)), list(filter(lambda w: "a" in w, words)))
print(list(map(lambda a, b: a * b, [1, 2, 3], [4, 5, 6])))
print(my_reduce(lambda a, b: a * b, range(1, 11), 1))
inc = lambda x: x + 1
sq = lambda x: x * x
print(compose(inc, sq)(3), compose(sq, inc)(3), compose()(7))
pairs = [(1, "b"), (2, "a"), (1, "a")]
print(sorted(pairs), sorted(pairs, key=lambda p: p[1]), min(pairs, key=lambda p: (p[1], -p[0])))
print(max(words, key=len), min(words), max(3, 1, 2), min([5, 2, 8]))
