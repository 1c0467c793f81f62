# Statements on one line, line continuations, nesting and comments.
x = 1; y = 2; z = 3
print(x, y, z)
total = (x +
         y +
         z)
print(total)
longer = x \
    + y
print(longer)
items = [
    1,
    2,  # a comment inside a display
    3,
]
print(items)
if x: print("one-line if")
while False: pass
for i in range(2): print("one-line for", i)


def one_liner(): return "one-line def"


print(one_liner())


class Tiny: pass


print(Tiny.__name__)
# a comment line
if x == 1:
    if y == 2:
        if z == 3:
            print("nested three deep")
d = {
    "a": [1, {"b": (2, 3)}],
}
print(d)
print(x if x else y, (lambda: 5)(), [i for i in range(3) if i], not x)
