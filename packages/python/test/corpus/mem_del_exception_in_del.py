# An exception raised in __del__ is reported on stderr and ignored; the program goes on.
class Bad:
    def __del__(self):
        print("in __del__")
        raise ValueError("raised inside __del__")


b = Bad()
del b
print("program continues")
lst = [Bad(), Bad()]
lst = None
print("done")
