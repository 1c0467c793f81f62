# dict views are live; set operations on keys and items views.
d = {"a": 1, "b": 2, "c": 3}
k = d.keys()
v = d.values()
i = d.items()
d["d"] = 4
del d["a"]
print(list(k), list(v), list(i), len(k), len(v), len(i))
print(sorted(k & {"b", "z"}), sorted(k | {"z"}), sorted(k - {"b"}), ("b", 2) in i, 2 in v)
print(sorted(d.keys() ^ {"b", "q"}), d.keys() == {"b", "c", "d"}, list(reversed(d.keys())))
print(type(k).__name__, type(v).__name__, type(i).__name__)
for key, value in d.items():
    d[key] = value * 10
print(d)
print(dict(sorted(d.items(), key=lambda kv: -kv[1])))
