# Common str methods.
s = "  Hello, World  "
print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()), repr("xxhixx".strip("x")))
t = "Hello, World"
print(t.upper(), t.lower(), t.swapcase(), t.title(), "hello world".capitalize(), "ß".casefold())
print(t.find("o"), t.rfind("o"), t.find("z"), t.index("W"), t.count("l"), t.count("l", 5))
print(t.startswith("Hell"), t.endswith("ld"), t.startswith(("x", "H")), t.startswith("World", 7))
print(t.replace("l", "L"), t.replace("l", "L", 1), t.replace("", "-")[:9])
print(t.split(", "), "a b  c".split(), "a,b,,c".split(","), "a b c".split(None, 1), "a-b-c".rsplit("-", 1))
print("line1\nline2\r\nline3".splitlines(), "x\ny\n".splitlines(True))
print("-".join(["a", "b", "c"]), "".join(reversed("abc")), ", ".join(map(str, range(3))))
print(t.partition(", "), t.rpartition("o"), t.partition("?"))
print("42".zfill(5), "-42".zfill(5), "ab".center(6, "*"), "ab".ljust(4, "."), "ab".rjust(4))
print("abc".isalpha(), "123".isdigit(), "abc123".isalnum(), "   ".isspace(), "Title Case".istitle(), "abc".islower(), "ABC".isupper(), "12".isdecimal(), "x1".isidentifier())
print("a\tb".expandtabs(4), "prefix_name".removeprefix("prefix_"), "file.py".removesuffix(".py"))
print("abc" * 3, "abc" + "def", "b" in "abc", len("héllo"), "abc"[::-1], min("bca"), sorted("bca"))
try:
    t.index("z")
except ValueError as e:
    print("ValueError", e)
print("%s is %d years and %.2f%%" % ("Ann", 30, 99.5), "%5s|%-5s|%05d" % ("a", "b", 42), "%r %x %o %e" % ("q", 255, 8, 12345.678))
print("{} {}".format("a", "b"), "{1} {0}".format("a", "b"), "{name}={value:.3f}".format(name="pi", value=3.14159), "{:>6}|{:<6}|{:^6}".format(1, 2, 3))
