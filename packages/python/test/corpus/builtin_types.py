# type, isinstance, issubclass, callable, id-free identity checks, hash of numbers, repr, str.
print(type(1), type("x"), type([]), type(None), type(type))
print(isinstance(1, int), isinstance(True, int), isinstance(1, (str, float)), isinstance(1.0, (str, float)))
print(issubclass(bool, int), issubclass(int, object), issubclass(list, (dict, list)))
print(hash(1) == hash(1.0), hash(0), hash(-1), hash(True), hash((1, 2)) == hash((1, 2)))
print(repr("it's"), repr('say "hi"'), repr("both ' and \""), repr("\n\t"), str(b"ab"), repr(1.0))
print(str(123), str(1.5), str(None), str([1, "a"]), repr([1, "a"]))
print(list("ab"), tuple([1]), dict([("a", 1)]), set([1, 1, 2]), frozenset([3]), dict(a=1, b=2))
print(list(), tuple(), dict(), set(), str(), int(), float(), bool())
print(type(object()).__name__, object.__name__)
x = [1]
y = x
print(id(x) == id(y), id(x) == id([1]))
print(bool.__name__, int.__name__, type(len).__name__)
