# Single and multiple inheritance, method resolution order (C3), super() and overriding.
class Animal:
    def __init__(self, name):
        self.name = name

    def speak(self):
        return self.name + " makes a sound"

    def describe(self):
        return "I am " + self.name + ": " + self.speak()


class Dog(Animal):
    def speak(self):
        return self.name + " barks"


class Puppy(Dog):
    def __init__(self, name, age):
        super().__init__(name)
        self.age = age

    def speak(self):
        return super().speak() + " softly"


print(Animal("cat").describe())
print(Dog("rex").describe())
print(Puppy("bit", 1).describe(), Puppy("bit", 1).age)
print([c.__name__ for c in Puppy.__mro__])


class A:
    def who(self):
        return ["A"]


class B(A):
    def who(self):
        return ["B"] + super().who()


class C(A):
    def who(self):
        return ["C"] + super().who()


class D(B, C):
    def who(self):
        return ["D"] + super().who()


print(D().who(), [k.__name__ for k in D.__mro__])
print(issubclass(D, A), issubclass(A, D), isinstance(D(), C), D.__bases__ == (B, C))
try:

    class Bad(A, B):
        pass

except TypeError as e:
    print("TypeError", e)


class Base:
    greeting = "hello"


class Child(Base):
    pass


print(Child.greeting, Child().greeting)
Base.greeting = "changed"
print(Child.greeting)
