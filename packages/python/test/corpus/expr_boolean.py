# and/or/not return operands and short-circuit; truthiness of every builtin kind.
print(1 and 2, 0 and 2, 1 or 2, 0 or 2, None or "default", "" or [] or 0)
print(not 0, not 1, not "", not "x", not [], not [0], not None)
for v in (0, 1, -1, 0.0, 0.5, "", "0", [], [[]], (), (0,), {}, {0: 0}, set(), None, True, False):
    print(repr(v), bool(v))


def side(v):
    print("side", v)
    return v


print(side(0) and side(1))
print(side(1) or side(2))
print(side(1) and side(0) or side(3))
x = 5
print(x > 3 and "big" or "small")
print(0 if x else 1, "yes" if [] else "no")
