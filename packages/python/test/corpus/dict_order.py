# dicts keep insertion order through updates, deletions and re-insertions.
d = {}
for k in ["zebra", "apple", "mango", "kiwi"]:
    d[k] = len(k)
print(d)
d["apple"] = 0
print(list(d))
del d["zebra"]
d["zebra"] = 1
print(list(d))
for i in range(100):
    d[i] = i
for i in range(100):
    del d[i]
print(d)
counts = {}
for ch in "abracadabra":
    counts[ch] = counts.get(ch, 0) + 1
print(counts, max(counts, key=counts.get))
inverted = {v: k for k, v in counts.items()}
print(inverted)
nested = {"a": {"b": {"c": 1}}}
nested["a"]["b"]["d"] = 2
print(nested, nested["a"]["b"]["c"])
keys = [(1, 2), 3.0, 3, True, "3", None, frozenset([1])]
hd = {}
for k in keys:
    hd[k] = type(k).__name__
print(hd)
try:
    for k in d:
        d["added during iteration"] = 1
except RuntimeError as e:
    print("RuntimeError", e)
