# import forms for the supported standard modules.
import sys
import gc as collector
from math import sqrt, floor as fl
from time import perf_counter, time
import random, weakref

print(sqrt(49), fl(2.7), collector.isenabled())
t0 = perf_counter()
t1 = perf_counter()
print(t1 >= t0, time() > 1_600_000_000, type(time()).__name__)
print(sys.version_info.major, type(sys.argv).__name__)
print(type(random.random()).__name__, callable(weakref.ref))
try:
    import module_that_does_not_exist
except ModuleNotFoundError as e:
    print("ModuleNotFoundError", e)
try:
    from math import not_a_function
except ImportError as e:
    print("ImportError", str(e).split(" (")[0])
