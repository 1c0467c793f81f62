# global and nonlocal declarations, name resolution order (local, enclosing, global, builtin).
x = "global"


def read_global():
    return x


def shadow():
    x = "local"
    return x


def make():
    x = "enclosing"

    def inner():
        return x

    return inner


print(read_global(), shadow(), make()(), x)


def counter():
    count = 0

    def inc():
        nonlocal count
        count += 1
        return count

    def get():
        return count

    return inc, get


inc, get = counter()
inc()
inc()
print(get())


def unbound():
    try:
        print(x)
    except UnboundLocalError as e:
        print("UnboundLocalError", e)
    x = 1


unbound()


def set_global():
    global x
    x = "changed"


set_global()
print(x)


def deep():
    a = 1

    def mid():
        def inner():
            nonlocal a
            a += 100

        inner()

    mid()
    return a


print(deep())
