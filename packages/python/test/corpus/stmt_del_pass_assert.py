# del, pass and assert.
x = 1
del x
try:
    print(x)
except NameError as e:
    print("NameError", e)
lst = [1, 2, 3, 4]
del lst[0], lst[-1]
print(lst)
d = {"a": 1, "b": 2}
del d["a"]
print(d)


class C:
    pass


c = C()
c.attr = 1
del c.attr
print(hasattr(c, "attr"))


def nothing():
    pass


print(nothing())
assert True
assert 1 == 1, "not raised"
try:
    assert 1 == 2, "one is not two"
except AssertionError as e:
    print("AssertionError", e)
try:
    assert []
except AssertionError as e:
    print("AssertionError without message", repr(e))
for i in range(2):
    pass
if True:
    pass
print("done")
