# Assignment to names, attributes, subscripts and slices; chained assignment; globals.
counter = 0


def bump():
    global counter
    counter += 1
    return counter


bump()
bump()
print(counter)


def outer():
    x = 1

    def inner():
        nonlocal x
        x += 10
        return x

    inner()
    inner()
    return x


print(outer())


class Obj:
    pass


o = Obj()
o.a = o.b = 5
o.c = [0] * 3
o.c[1] = "mid"
print(o.a, o.b, o.c)
grid = [[0] * 3 for _ in range(2)]
grid[1][2] = 9
print(grid)
d = {}
d["x"] = d.get("x", 0) + 1
d["y"] = d["x"] * 2
print(d)
a = b = c = []
a.append(1)
print(a, b, c)
x = [1, 2, 3]
x[1:2] = (7, 8, 9)
print(x)
i = 0
x[i], i = 100, 2
print(x, i)


def scope_test():
    global new_global
    new_global = "created in a function"


scope_test()
print(new_global)
