"""Module docstring: not printed, but stored."""


def documented():
    """Function docstring."""
    # Comment after the docstring.
    return 1  # trailing comment


class Documented:
    """Class docstring."""

    x = 1  # class attribute


print(__doc__)
print(documented.__doc__, Documented.__doc__, documented())
print("# not a comment", '"""not a docstring"""')
if True:
    # only a comment in this block, then a statement
    pass
print("end")  # done
