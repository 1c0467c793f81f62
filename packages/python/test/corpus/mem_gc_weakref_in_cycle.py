# Weak references to objects in a garbage cycle are cleared before the cycle is freed;
# callbacks on weakrefs that are themselves garbage are not called.
import gc
import weakref

log = []


class N:
    pass


gc.collect()
a = N()
b = N()
a.b = b
b.a = a
ra = weakref.ref(a, lambda r: log.append("a cleared"))
rb = weakref.ref(b, lambda r: log.append("b cleared"))
del a, b
print("collected", gc.collect())
print(log, ra(), rb())
log.clear()
c = N()
c.self = c
c.ref = weakref.ref(c, lambda r: log.append("never"))
del c
print("collected", gc.collect())
print("callback of a weakref inside the garbage", log)
