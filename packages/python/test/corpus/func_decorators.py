# Plain function decorators, decorators with arguments, stacked decorators.
def trace(fn):
    def wrapper(*args, **kwargs):
        print("call", fn.__name__, args)
        result = fn(*args, **kwargs)
        print("return", result)
        return result

    return wrapper


def repeat(times):
    def decorate(fn):
        def wrapper(*args):
            return [fn(*args) for _ in range(times)]

        return wrapper

    return decorate


def exclaim(fn):
    def wrapper(*args):
        return fn(*args) + "!"

    return wrapper


@trace
def add(a, b):
    return a + b


@repeat(3)
def hello(name):
    return "hi " + name


@exclaim
@exclaim
def shout(s):
    return s.upper()


add(1, 2)
print(hello("bob"))
print(shout("hey"))
registry = []


def register(fn):
    registry.append(fn.__name__)
    return fn


@register
def one():
    pass


@register
def two():
    pass


print(registry)
