# object, super with explicit arguments, callable classes, staticmethod/classmethod builtins.
class Base:
    def hello(self):
        return "base hello"


class Mid(Base):
    def hello(self):
        return "mid -> " + super(Mid, self).hello()


class Top(Mid):
    def hello(self):
        return "top -> " + super().hello()


print(Top().hello())


class Callable:
    def __call__(self, x):
        return x * 2


f = Callable()
print(f(21), callable(f), callable(Callable))


def plain(x):
    return x + 1


class Holder:
    sm = staticmethod(plain)
    cm = classmethod(lambda cls: cls.__name__)


print(Holder.sm(1), Holder().sm(2), Holder.cm(), Holder().cm())
o = object()
try:
    o.attr = 1
except AttributeError as e:
    print("AttributeError", e)
print(object() == object(), o == o, type(o) is object)
