# gc.get_referents lists what a container refers to; gc.get_referrers finds containers.
import gc

x = [1, "two", 3.0]
print(gc.get_referents(x))
t = (x, None)
print(len(gc.get_referents(t)), gc.get_referents(t)[0] is x)
d = {"a": 10, "b": 20}
print(sorted(str(r) for r in gc.get_referents(d)))
print(gc.get_referents(1, "s"))
holder = [x]
other = {"x": x}
refs = gc.get_referrers(x)
print("holder refers to x", any(r is holder for r in refs))
print("other refers to x", any(r is other for r in refs))
print("tuple refers to x", any(r is t for r in refs))


class P:
    pass


p = P()
p.val = x
print("instance appears as a referrer", any(r is p for r in gc.get_referrers(x)))
