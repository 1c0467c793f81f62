# Conditional expressions, lambdas with defaults and closures, and evaluation order.
classify = lambda n: "neg" if n < 0 else "zero" if n == 0 else "pos"
print([classify(n) for n in (-2, 0, 3)])
add = lambda a, b=10: a + b
print(add(1), add(1, 2), add(b=5, a=1))
adders = [lambda x, i=i: x + i for i in range(3)]
print([f(10) for f in adders])
late = [lambda x: x + i for i in range(3)]
print([f(10) for f in late])
compose = lambda f, g: lambda x: f(g(x))
inc_then_double = compose(lambda x: x * 2, lambda x: x + 1)
print(inc_then_double(5))
print((lambda *args, **kw: (args, sorted(kw.items())))(1, 2, b=2, a=1))
print(sorted(["bb", "a", "ccc"], key=lambda s: -len(s)))


def order(tag):
    print("eval", tag)
    return tag


print(order("a") if order("cond") else order("b"))
print({order("k1"): order("v1"), order("k2"): order("v2")})
print(order(1) + order(2) * order(3))
