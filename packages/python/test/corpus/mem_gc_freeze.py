# gc.freeze moves every tracked object to the permanent generation; collections ignore them.
import gc

gc.collect()
print("frozen at start", gc.get_freeze_count() > 0)
before = gc.get_freeze_count()
cycle = []
cycle.append(cycle)
gc.freeze()
print("frozen objects increased", gc.get_freeze_count() > before)
print("count after freeze", gc.get_count())
del cycle
print("frozen cycle is not collected", gc.collect())
gc.unfreeze()
print("after unfreeze", gc.get_freeze_count())
print("now it is collected", gc.collect())
a = []
a.append(a)
gc.freeze()
gc.unfreeze()
del a
print("freeze then unfreeze", gc.collect())
