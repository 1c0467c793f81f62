# Allocations inside a gc.callbacks hook can themselves reach the gen-0 threshold; the
# collector does not re-enter while it is collecting.
import gc

starts = []


def hook(phase, info):
    if phase == "start":
        starts.append(info["generation"])
        if len(starts) == 1:
            stash = [[i] for i in range(50)]
            starts.append(("count inside hook", gc.get_count()))


gc.collect()
gc.set_threshold(20, 10, 10)
gc.callbacks.append(hook)
items = []
for i in range(30):
    items.append([i])
gc.callbacks.remove(hook)
gc.set_threshold(700, 10, 10)
print(starts)
print("count", gc.get_count())
