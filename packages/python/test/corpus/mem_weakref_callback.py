# weakref.ref callbacks run when the referent dies, by refcount or by the collector.
import gc
import weakref


class Target:
    def __init__(self, name):
        self.name = name


def report(ref):
    print("callback, referent gone:", ref() is None)


t = Target("t")
r = weakref.ref(t, report)
print("alive", r() is t, r().name)
del t
print("after del")
gc.collect()
c = Target("cyclic")
c.me = c
rc = weakref.ref(c, report)
del c
print("before collect")
print("collected", gc.collect())
print("dead ref calls to None", rc() is None)
x = Target("x")
r1 = weakref.ref(x, report)
r2 = weakref.ref(x, report)
print("two refs with callbacks are distinct", r1 is not r2)
r3 = weakref.ref(x)
r4 = weakref.ref(x)
print("refs without callback are shared", r3 is r4)
del r1
print("a deleted ref does not call back")
del x
print("end")
