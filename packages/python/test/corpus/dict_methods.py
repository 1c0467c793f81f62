# dict methods: get, setdefault, pop, popitem, update, keys/values/items views, fromkeys, copy, clear.
d = {"a": 1, "b": 2}
print(d.get("a"), d.get("z"), d.get("z", 0), d.setdefault("c", 3), d.setdefault("a", 99), d)
print(d.pop("b"), d.pop("zz", "none"), d)
d.update({"d": 4}, e=5)
d.update([("f", 6)])
print(d, len(d))
print(d.popitem(), d)
print(list(d.keys()), list(d.values()), list(d.items()))
keys = d.keys()
d["new"] = 0
print(keys, "new" in keys, len(keys))
print(dict.fromkeys("abc", 0), dict.fromkeys([1, 2]))
e = d.copy()
e["a"] = "changed"
print(d["a"], e["a"])
e.clear()
print(e, bool(e))
print({1: "a", 2: "b"} == {2: "b", 1: "a"}, {1: 1} | {2: 2}, list(reversed({1: 0, 2: 0, 3: 0})))
for bad in (lambda: d["missing"], lambda: {}.popitem(), lambda: {[]: 1}):
    try:
        bad()
    except (KeyError, TypeError) as e:
        print(type(e).__name__, e)
m = {"x": 1}
m |= {"y": 2}
print(m, sorted({"b": 1, "a": 2}), min({3: "x", 1: "y"}))
