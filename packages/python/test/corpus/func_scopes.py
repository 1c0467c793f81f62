# Scopes of functions: default argument evaluation time, closures over loop variables, class scope.
x = 10


def default_captures(v=x):
    return v


x = 20
print(default_captures(), default_captures(5))


def make_funcs():
    funcs = []
    for i in range(3):
        def f():
            return i

        funcs.append(f)
    return [fn() for fn in funcs]


print(make_funcs())


class K:
    y = 5

    def method(self):
        return y if "y" in globals() else "class scope is not visible in methods"


print(K().method())


def outer():
    v = "outer"

    def mid():
        v = "mid"

        def inner():
            return v

        return inner()

    return mid(), v


print(outer())
