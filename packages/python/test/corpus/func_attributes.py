# Function objects: names, defaults, docstrings, attributes, callables, and returning None.
def documented(a, b=1):
    """Adds two numbers."""
    return a + b


print(documented.__name__, documented.__doc__, documented.__defaults__)
documented.tag = "custom attribute"
print(documented.tag)
print(callable(documented), callable(5), callable(len), callable(type))


def no_return():
    x = 1


def bare_return():
    return


def multiple():
    return 1, "two", [3]


print(no_return(), bare_return(), multiple())
a, b, c = multiple()
print(a, b, c)
funcs = {"add": lambda x, y: x + y, "sub": lambda x, y: x - y}
print(funcs["add"](3, 4), funcs["sub"](3, 4))
print((lambda: None).__name__)


def nested_def():
    def helper():
        return "helper"

    return helper.__name__, helper()


print(nested_def())
print(type(documented).__name__, type(print).__name__)
