# With threshold 1, nearly every new container triggers a generation-0 collection.
import gc

starts = []


def cb(phase, info):
    if phase == "start":
        starts.append(info["generation"])


gc.collect()
gc.callbacks.append(cb)
gc.set_threshold(1, 1000, 1000)
a = []
b = [a]
c = {"b": b}
d = (a, b, c)
gc.set_threshold(700, 10, 10)
gc.callbacks.remove(cb)
print("collections while building four containers", len(starts), starts)
