# gc.callbacks: start/stop phases and info for explicit collections, and an automatic gen-0
# collection triggered by allocations made inside a callback.
import gc

events = []


def cb(phase, info):
    events.append((phase, info["generation"], info.get("collected"), info.get("uncollectable")))


gc.collect()
gc.callbacks.append(cb)
a = []
a.append(a)
del a
gc.collect()
print(events)
events.clear()
gc.collect(0)
gc.collect(1)
print(events)
gc.callbacks.remove(cb)
events.clear()
gc.collect()

nested = []


def allocating(phase, info):
    if phase == "stop" and info["generation"] == 2 and not nested:
        junk = []
        for i in range(30):
            x = [i]
            x.append(x)
            junk.append(x)
        del junk, x
        nested.append(gc.get_count())


gc.set_threshold(10, 10, 10)
gc.callbacks.append(allocating)
gc.collect()
gc.callbacks.remove(allocating)
print("count seen after allocating in the callback", nested)
gc.callbacks.append(cb)
print("explicit collection afterwards", gc.collect())
gc.callbacks.remove(cb)
print([e for e in events if e[0] == "stop"])
gc.set_threshold(700, 10, 10)
