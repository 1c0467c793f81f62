# Iterator protocol: iter() on classes, sentinel-free iteration, exhausted iterators, enumerate of generators.
class Range2:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        i = 0
        while i < self.n:
            yield i
            i += 2


r = Range2(9)
print(list(r), list(r), 4 in r, 5 in r)
it = iter(r)
print(next(it), next(it), list(it), list(it))
print(list(enumerate(x * x for x in range(4))))
g = (c.upper() for c in "abc")
print(iter(g) is g, "".join(g), "".join(g))
lst = [1, 2, 3]
li = iter(lst)
print(type(li).__name__, next(li))
lst.append(4)
print(list(li))
print(list(zip(Range2(6), Range2(100))), sorted(Range2(7), reverse=True), sum(Range2(101)))
