# Positional, keyword, default, *args, **kwargs and keyword-only parameters.
def f(a, b=2, *args, c, d=4, **kwargs):
    return (a, b, args, c, d, sorted(kwargs.items()))


print(f(1, c=3))
print(f(1, 5, 6, 7, c=3, e=5, d=0))
print(f(a=1, c=3, z=26))


def only_kw(*, key, value=None):
    return key, value


print(only_kw(key="k"))


def collect(*args, **kwargs):
    return args, kwargs


print(collect())
print(collect(1, *[2, 3], x=1, **{"y": 2}))
args = (1, 2)
kwargs = {"b": 20}
print(f(*args, c=5), f(1, c=5, **kwargs))
for call in (lambda: f(), lambda: f(1, 2), lambda: f(1, c=1, a=2), lambda: only_kw(1, key=2), lambda: f(1, c=1, **{"c": 2})):
    try:
        call()
    except TypeError as e:
        print("TypeError", e)


def mutable_default(x, acc=[]):
    acc.append(x)
    return acc


print(mutable_default(1), mutable_default(2))
print(f.__name__, f.__defaults__, f.__kwdefaults__)
