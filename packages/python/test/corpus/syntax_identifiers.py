# Identifiers: underscores, unicode letters, dunder names, and shadowing builtins.
_private = 1
__dunder = 2
café = "unicode name"
π = 3.14159
name_with_digits2 = 4
print(_private, __dunder, café, π, name_with_digits2)
print(__name__)
len_backup = len


def len(x):
    return "shadowed"


print(len([1, 2]))
del len
print(len([1, 2]))
list = "not a list"
print(list)
del list
print(list("ab"))
