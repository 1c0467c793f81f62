# print with sep, end, several arguments, no arguments, and file=sys.stderr.
import sys

print()
print("a", "b", "c")
print("a", "b", "c", sep="")
print("a", "b", sep=", ", end=".\n")
print(1, 2.5, None, True, [1, "x"], (1,), {"k": "v"}, sep=" | ")
print("no newline", end="")
print(" continued")
print(*range(5))
print("to stderr", file=sys.stderr)
print("multi\nline")
print("", end="")
print("sep None", "end None", sep=None, end=None)
