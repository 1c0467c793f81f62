# Several weak references to one object: callbacks run newest first, each exactly once; a
# callback that raises is reported on stderr and the others still run.
import weakref


class Target:
    pass


order = []
t = Target()
refs = [weakref.ref(t, lambda r, i=i: order.append(i)) for i in range(5)]
print("weak references", weakref.getweakrefcount(t))
del t
print("callback order", order)
print("all dead", all(r() is None for r in refs))


def failing(ref):
    raise RuntimeError("callback failed")


u = Target()
log = []
r1 = weakref.ref(u, lambda r: log.append("first registered"))
r2 = weakref.ref(u, failing)
r3 = weakref.ref(u, lambda r: log.append("last registered"))
del u
print(log)
