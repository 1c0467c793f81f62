# Which generation each automatic collection examines, with small thresholds, while the
# program keeps every object it allocates alive.
import gc

schedule = []


def cb(phase, info):
    if phase == "start":
        schedule.append(info["generation"])


gc.collect()
gc.set_threshold(10, 2, 2)
gc.callbacks.append(cb)
keep = []
for i in range(400):
    keep.append([i])
gc.callbacks.remove(cb)
gc.set_threshold(700, 10, 10)
print(len(schedule), "collections")
print("".join(str(g) for g in schedule))
print("per generation", [schedule.count(g) for g in range(3)])
