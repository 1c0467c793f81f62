# The builtin exception hierarchy: catching by base class.
checks = [
    (ZeroDivisionError, ArithmeticError),
    (OverflowError, ArithmeticError),
    (KeyError, LookupError),
    (IndexError, LookupError),
    (UnboundLocalError, NameError),
    (RecursionError, RuntimeError),
    (NotImplementedError, RuntimeError),
    (StopIteration, Exception),
    (KeyboardInterrupt, BaseException),
    (SystemExit, BaseException),
    (GeneratorExit, BaseException),
    (FileNotFoundError, OSError),
    (ModuleNotFoundError, ImportError),
    (UnicodeDecodeError, ValueError),
    (AttributeError, Exception),
    (AssertionError, Exception),
    (MemoryError, Exception),
    (TypeError, Exception),
]
for sub, base in checks:
    print(sub.__name__, base.__name__, issubclass(sub, base), issubclass(sub, Exception))
print([c.__name__ for c in ZeroDivisionError.__mro__])
print(KeyboardInterrupt.__bases__[0].__name__)
for exc in (ZeroDivisionError("z"), KeyError("k"), IndexError("i")):
    try:
        raise exc
    except LookupError as e:
        print("lookup", repr(e))
    except ArithmeticError as e:
        print("arithmetic", repr(e))
