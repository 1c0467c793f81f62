# Closures: counters, late binding, factories, and functions returning functions.
def make_multiplier(n):
    def mul(x):
        return x * n

    return mul


double = make_multiplier(2)
triple = make_multiplier(3)
print(double(5), triple(5), double(triple(2)))


def accumulator():
    total = 0

    def add(x):
        nonlocal total
        total += x
        return total

    return add


acc = accumulator()
print([acc(i) for i in range(5)])
acc2 = accumulator()
print(acc2(100), acc(0))


def memoize(fn):
    cache = {}

    def wrapper(n):
        if n not in cache:
            cache[n] = fn(n)
        return cache[n]

    wrapper.cache = cache
    return wrapper


@memoize
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


print(fib(80), len(fib.cache))
print(double.__closure__[0].cell_contents, triple.__closure__[0].cell_contents)
