# gc.get_count() as tracked containers are created and freed.
import gc

gc.collect()
print("after collect", gc.get_count())
kept = []
for i in range(10):
    kept.append([i])
    print("lists kept", i + 1, gc.get_count())
for i in range(3):
    kept.pop()
    print("popped", gc.get_count())
x = {"a": 1}
print("dict", gc.get_count())
y = (1, 2)
print("tuple", gc.get_count())
z = 12345678901234567890
print("int (not tracked)", gc.get_count())
s = "text" * 3
print("str (not tracked)", gc.get_count())


class K:
    pass


print("class statement", gc.get_count())
k = K()
print("instance", gc.get_count())
del k
print("instance freed", gc.get_count())
gc.collect(0)
print("after collect(0)", gc.get_count())
gc.collect(1)
print("after collect(1)", gc.get_count())
gc.collect()
print("after collect()", gc.get_count())
