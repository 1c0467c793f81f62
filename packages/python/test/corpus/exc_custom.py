# User-defined exceptions, raise from, chaining, __cause__/__context__ and args.
class AppError(Exception):
    pass


class ConfigError(AppError):
    def __init__(self, key, problem):
        super().__init__(key + ": " + problem)
        self.key = key


try:
    raise ConfigError("port", "not a number")
except AppError as e:
    print(type(e).__name__, e, e.key, e.args)


def parse(text):
    try:
        return int(text)
    except ValueError as e:
        raise ConfigError("value", "bad") from e


try:
    parse("x")
except ConfigError as e:
    print("cause", type(e.__cause__).__name__, e.__cause__)
    print("suppress context", e.__suppress_context__)
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise KeyError("during handling")
except KeyError as e:
    print("context", type(e.__context__).__name__, e.__cause__)
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError("no context") from None
except ValueError as e:
    print(e.__cause__, e.__suppress_context__, type(e.__context__).__name__)


class WithStr(Exception):
    def __str__(self):
        return "custom text"


try:
    raise WithStr()
except Exception as e:
    print(e, repr(e))
