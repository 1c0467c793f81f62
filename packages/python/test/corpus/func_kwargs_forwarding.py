# Forwarding *args and **kwargs through wrappers, and keyword argument order.
def target(a, b, /, c, *, d=0, **rest):
    return f"a={a} b={b} c={c} d={d} rest={rest}"


def forward(*args, **kwargs):
    return target(*args, **kwargs)


print(forward(1, 2, 3))
print(forward(1, 2, c=3, d=4, z=9, y=8))
try:
    target(a=1, b=2, c=3)
except TypeError as e:
    print("TypeError", e)


def show(**kw):
    return list(kw)


print(show(z=1, a=2, m=3), show(**{"b": 1}, a=2))


def count_args(*args):
    return len(args)


print(count_args(), count_args(*range(10)), count_args(*"abc", *[1, 2]))
