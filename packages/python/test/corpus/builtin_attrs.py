# getattr, setattr, hasattr, delattr, vars and dir-free attribute checks.
class C:
    cls_attr = "class"

    def __init__(self):
        self.a = 1


c = C()
print(getattr(c, "a"), getattr(c, "missing", "default"), getattr(c, "cls_attr"))
setattr(c, "b", 2)
print(c.b, hasattr(c, "b"), hasattr(c, "zzz"))
delattr(c, "b")
print(hasattr(c, "b"))
try:
    getattr(c, "nope")
except AttributeError as e:
    print("AttributeError", e)
try:
    delattr(c, "nope")
except AttributeError as e:
    print("AttributeError", e)
print(vars(c))
print(getattr([1, 2], "count")(1), getattr("abc", "upper")())
name = "dyn"
setattr(C, name, property(lambda self: "dynamic property"))
print(c.dyn)
try:
    setattr(5, "x", 1)
except AttributeError as e:
    print("AttributeError", e)
