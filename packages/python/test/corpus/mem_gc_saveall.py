# DEBUG_SAVEALL keeps what the collector finds in gc.garbage instead of freeing it.
import gc

gc.collect()
print(gc.get_debug())
gc.set_debug(gc.DEBUG_SAVEALL)
print(gc.get_debug() == gc.DEBUG_SAVEALL)
a = [1]
a.append(a)
d = {"k": "v"}
d["self"] = d
del a, d
print("found", gc.collect())
print("saved", len(gc.garbage))
print("types", [type(x).__name__ for x in gc.garbage])
print("list contents", gc.garbage[0][0], gc.garbage[0][1] is gc.garbage[0])
gc.set_debug(0)
gc.garbage.clear()
print("found after clearing", gc.collect())
print(gc.DEBUG_STATS, gc.DEBUG_COLLECTABLE, gc.DEBUG_UNCOLLECTABLE, gc.DEBUG_SAVEALL, gc.DEBUG_LEAK)
