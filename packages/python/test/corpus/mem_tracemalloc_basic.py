# tracemalloc: traced memory grows with allocations and shrinks when they are freed.
import tracemalloc

tracemalloc.start()
print("tracing", tracemalloc.is_tracing())
base, _ = tracemalloc.get_traced_memory()
data = [i * 1000 for i in range(1000)]
current, peak = tracemalloc.get_traced_memory()
print("list of 1000 ints", current - base)
del data
current2, peak2 = tracemalloc.get_traced_memory()
print("freed back to", current2 - base, "peak", peak2 - base)
text = ["x" * 100 for _ in range(100)]
current3, _ = tracemalloc.get_traced_memory()
print("100 strings of 100 chars", current3 - current2)
tracemalloc.reset_peak()
_, peak4 = tracemalloc.get_traced_memory()
print("peak reset to current", peak4 == tracemalloc.get_traced_memory()[0])
tracemalloc.stop()
print("tracing", tracemalloc.is_tracing())
print("after stop", tracemalloc.get_traced_memory())
