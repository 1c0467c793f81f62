# A suspended generator keeps its frame, and its frame keeps its locals.
import sys


def gen(obj):
    local = obj
    yield sys.getrefcount(obj)
    yield sys.getrefcount(obj)
    del local
    yield sys.getrefcount(obj)


o = object()
print("start", sys.getrefcount(o))
g = gen(o)
print("generator created, not started", sys.getrefcount(o))
print("first yield", next(g))
print("between yields", sys.getrefcount(o))
print("second yield", next(g))
print("local deleted", next(g))
print("suspended after del", sys.getrefcount(o))
for _ in g:
    pass
print("generator finished", sys.getrefcount(o))
g2 = gen(o)
next(g2)
print("second generator suspended", sys.getrefcount(o))
g2.close()
print("closed", sys.getrefcount(o))
g3 = gen(o)
next(g3)
del g3
print("suspended generator deleted", sys.getrefcount(o))
print("generator object", sys.getrefcount(g2))


def counter():
    n = 0
    while True:
        n += 1
        received = yield n
        if received is not None:
            n = received


c = counter()
print(next(c), next(c), c.send(10), next(c))
print("generator refcount", sys.getrefcount(c))
