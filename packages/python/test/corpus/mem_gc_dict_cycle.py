# gc.collect() counts cycles through dicts and mixed containers.
import gc

gc.collect()
d = {}
d["self"] = d
del d
print("dict containing itself", gc.collect())
d1 = {}
d2 = {"back": d1}
d1["next"] = d2
del d1, d2
print("two dicts", gc.collect())
d = {"list": []}
d["list"].append(d)
del d
print("dict and list", gc.collect())
d = {i: [] for i in range(4)}
for v in d.values():
    v.append(d)
del d
print("dict with four lists pointing back, while v still holds one", gc.collect())
del v
print("after del v", gc.collect())
s = {"x": set()}
del s
print("no cycle", gc.collect())
k = {}
k[1] = (k,)
del k
print("dict and tuple", gc.collect())


class Box:
    pass


b = Box()
b.data = {"owner": b}
del b
print("instance and dict attribute", gc.collect())
