# A weakref whose callback is a lambda; the callback keeps the objects it closes over alive.
import gc
import sys
import weakref

events = []


class Thing:
    pass


gc.collect()
thing = Thing()
ref = weakref.ref(thing, lambda r: events.append("gone"))
print("refcount of the ref", sys.getrefcount(ref))
print("weak references", weakref.getweakrefcount(thing))
del thing
print(events)
other = Thing()
other.cycle = other
label = "collected"
ref2 = weakref.ref(other, lambda r, label=label: events.append(label))
del other
print("collect", gc.collect())
print(events)


def register():
    obj = Thing()
    local_log = []
    r = weakref.ref(obj, lambda _: local_log.append(len(local_log)))
    del obj
    return local_log, r


log, dead = register()
print("closure log", log, dead() is None)
