# sys.getsizeof of str by kind: ASCII, Latin-1, UCS-2 and UCS-4, by length.
import sys

print("empty", sys.getsizeof(""))
for n in (1, 2, 7, 8, 100):
    print("ascii", n, sys.getsizeof("a" * n))
    print("latin-1", n, sys.getsizeof("\xe9" * n))
    print("ucs-2", n, sys.getsizeof("\u20ac" * n))
    print("ucs-4", n, sys.getsizeof("\U0001f600" * n))
print("mixed ascii and euro", sys.getsizeof("abc\u20ac"))
print("mixed ascii and emoji", sys.getsizeof("abc\U0001f600"))
print("single chars", sys.getsizeof("x"), sys.getsizeof("\xff"), sys.getsizeof("\u0100"), sys.getsizeof("\U00010000"))
s = ""
last = sys.getsizeof(s)
for i in range(10):
    s += "ab"
    print("concat", len(s), sys.getsizeof(s))
print("join", sys.getsizeof("-".join(["x"] * 10)))
print("str(int)", sys.getsizeof(str(12345)))
print("upper", sys.getsizeof("hello".upper()))
print("bytes", sys.getsizeof(b""), sys.getsizeof(b"abc"), sys.getsizeof(bytes(100)))
