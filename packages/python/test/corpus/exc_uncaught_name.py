# An uncaught NameError: the traceback goes to stderr and the exit code is 1.
print("before the error")


def use_missing():
    return undefined_name + 1


use_missing()
print("never printed")
