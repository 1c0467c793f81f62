# Cooperative multiple inheritance with super() through a diamond, and __init__ chains.
class Base:
    def __init__(self, **kw):
        print("Base init", sorted(kw))
        self.log = ["Base"]


class Left(Base):
    def __init__(self, left=None, **kw):
        super().__init__(**kw)
        self.log.append("Left")


class Right(Base):
    def __init__(self, right=None, **kw):
        super().__init__(**kw)
        self.log.append("Right")


class Bottom(Left, Right):
    def __init__(self, **kw):
        super().__init__(**kw)
        self.log.append("Bottom")


b = Bottom(left=1, right=2)
print(b.log, [c.__name__ for c in Bottom.__mro__])


class X:
    pass


class Y:
    pass


class A(X, Y):
    pass


class B(Y, X):
    pass


try:

    class C(A, B):
        pass

except TypeError as e:
    print("TypeError", e)


class M1:
    def hello(self):
        return "M1"


class M2:
    def hello(self):
        return "M2"


class Mixed(M2, M1):
    pass


print(Mixed().hello(), Mixed.__mro__[1].__name__, isinstance(Mixed(), M1))
