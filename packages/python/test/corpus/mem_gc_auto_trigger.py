# The automatic generation-0 collection runs when allocations minus deallocations pass the
# threshold; gc.callbacks observe it.
import gc

log = []


def observe(phase, info):
    if phase == "stop":
        log.append((info["generation"], info["collected"], info["uncollectable"]))


gc.collect()
gc.set_threshold(100, 10, 10)
gc.callbacks.append(observe)
keep = []
for i in range(1000):
    keep.append([i])
gc.callbacks.remove(observe)
print("collections", len(log))
print("generations", [g for g, c, u in log])
print("nothing collected", all(c == 0 and u == 0 for g, c, u in log))
log.clear()
gc.callbacks.append(observe)
for i in range(300):
    a = []
    a.append(a)
gc.callbacks.remove(observe)
print("cycles made", len(log), "collections")
print("collected per collection", [c for g, c, u in log])
print("total", sum(c for g, c, u in log))
gc.set_threshold(700, 10, 10)
print(gc.get_threshold())
