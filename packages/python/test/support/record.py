"""Records the reference values the support-module tests pin, from the running python3 (3.11).

Run from packages/python: python3 test/support/record.py  (rewrites test/support/fixtures/*.json)
Each fixture is a list of cases with the exact result or the exception's type and message.
"""
import json
import math
import random
import struct
import sys

OUT = "test/support/fixtures/"


def enc(v):
    """Encodes a Python value for JSON: ints as {"int": "..."}, floats as {"float": repr}."""
    if isinstance(v, bool):
        return v
    if isinstance(v, int):
        return {"int": str(v)} if abs(v) < 10 ** 4000 else {"int": hex(v)}
    if isinstance(v, float):
        return {"float": repr(v)}
    if isinstance(v, (list, tuple)):
        return [enc(x) for x in v]
    if isinstance(v, dict):
        return {"dict": {k: enc(x) for k, x in v.items()}}
    if isinstance(v, bytes):
        return {"bytes": list(v)}
    return v


def run(fn):
    try:
        return {"ok": enc(fn())}
    except Exception as e:  # noqa: BLE001
        return {"error": type(e).__name__, "message": str(e)}


def dump(name, cases):
    with open(OUT + name + ".json", "w") as f:
        json.dump(cases, f, ensure_ascii=True, indent=0)
    print(name, len(cases))


sys.set_int_max_str_digits(4300)
rng = random.Random(20261207)

# ---------------------------------------------------------------------------------------------
# float repr
floats = [0.0, -0.0, 1.0, -1.0, 0.1, 0.2, 0.1 + 0.2, 1e16, 1e15, 9999999999999998.0, 1e-4, 1e-5, 0.00012345,
          1.5e-7, 1e22, 1e21, 1e100, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, math.pi, math.e,
          123456789.123, 1 / 3, 2 / 3, 100.0, 1e-7, 12345678901234567890.0, 0.5, 2.5, 0.125, 0.375, 1.25, 1.5,
          float("inf"), float("-inf"), float("nan"), 4.35, 0.045, 1.005, 2.675, 1e23, 8.5, 9.5, 0.05, 1234.5,
          123.456, -123.456, 1e-320, 3e-310, 2 ** 53, 2 ** 53 + 2, 2.0 ** 60, 2.0 ** 70, 1.1, 2.2, 3.3]
for _ in range(300):
    kind = rng.randrange(4)
    if kind == 0:
        x = struct.unpack("<d", rng.getrandbits(64).to_bytes(8, "little"))[0]
    elif kind == 1:
        x = rng.uniform(-1000, 1000)
    elif kind == 2:
        x = rng.randrange(-10 ** 6, 10 ** 6) / rng.choice([1, 2, 4, 8, 10, 100, 1000, 16, 1024])
    else:
        x = rng.random() * 10.0 ** rng.randrange(-30, 30)
    floats.append(x)
floats = [x for x in floats if not (isinstance(x, float) and math.isnan(x))] + [float("nan")]
dump("float-repr", [{"x": enc(float(x)), "repr": repr(float(x))} for x in floats])

# ---------------------------------------------------------------------------------------------
# format specs
int_values = [0, 1, -1, 7, -7, 42, 255, -255, 1234, -1234, 1234567, 10 ** 20, -(10 ** 20), 2 ** 64, 65, 0x10ffff,
              0x110000, 10 ** 400, 2 ** 63, -(2 ** 63) - 1]
float_values = [0.0, -0.0, 1.0, -1.0, 0.5, 2.5, 1.5, 0.125, 0.375, 1234.5, -1234.5, 1234567.891, 1e16, 1e-5,
                1e-4, 123456789.0, math.pi, -math.e, 1e100, 5e-324, 1e300, 0.1, 99.995, 9.995, 0.000123456,
                float("inf"), float("-inf"), float("nan"), 100.0, 1e21, 12345678901234567890.0, -0.0001, 65.0,
                2.675, 1.005, 0.045, 1e22, 999999.5, 9.5]
str_values = ["", "a", "abc", "hello world", "é", "😀x", "a😀b😀c", "\u00e9\u0301", "ß"]
spec_pieces = {
    "fill": ["", "*", "0", "x", "😀", " "],
    "align": ["", "<", ">", "^", "="],
    "sign": ["", "+", "-", " "],
    "z": ["", "z"],
    "alt": ["", "#"],
    "zero": ["", "0"],
    "width": ["", "1", "8", "12", "20"],
    "group": ["", ",", "_"],
    "prec": ["", ".0", ".1", ".2", ".3", ".6", ".10", ".17", ".25", ".120"],
    "type": ["", "d", "b", "o", "x", "X", "c", "n", "e", "E", "f", "F", "g", "G", "%", "s", "q", "r"],
}
fixed_specs = ["", "d", ",", "_", "08,", "0=10,", "x=10,", "#012_x", "+c", "#c", ".2d", "z", ",x", "_c", ",c",
               "ab", "x.2f", ".", "99999999999999999999", "1" * 19 + "x", ".2f", ".0f", ".1e", ".3", "#g", "#.0f",
               "#.0e", "=^10", "<10", "^9.2", ",.2f", "012,.2f", "_.3f", "z.1f", "z+.2e", "+.1%", ",%", "010",
               "-010.3", " 10", "%", "#o", "#b", "#X", "_b", "_o", "_x", ",_", "_,", ",n", "_n", "é", "\x07",
               ".0%", ".1g", ".0g", "#.3g", ".3G", "G", "E", "F", "n", "12.5n", "020,.3f", "^+15,.2f"]
specs = list(fixed_specs)
for _ in range(400):
    specs.append("".join(rng.choice(v) for v in spec_pieces.values()))
cases = []
for spec in specs:
    for v in rng.sample(int_values, 4) + [0, -1234]:
        cases.append({"kind": "int", "value": enc(v if not isinstance(v, bool) else int(v)), "spec": spec,
                      **run(lambda: format(v, spec))})
    for v in rng.sample(float_values, 5) + [-0.0, 2.5]:
        cases.append({"kind": "float", "value": enc(v), "spec": spec, **run(lambda: format(v, spec))})
    for v in rng.sample(str_values, 2):
        cases.append({"kind": "str", "value": v, "spec": spec, **run(lambda: format(v, spec))})
dump("format-spec", cases)

# ---------------------------------------------------------------------------------------------
# str.format templates (parsed structure) and their errors
templates = ["a{", "a}", "{0!x}", "{0!}", "{0!r", "{0:", "{!r:>5}", "{0[}", "{0.}", "{{x}}", "{0[a]b}",
             "{a.b[c].d!s:{w}.{p}}", "{:{:{}}}", "{0:{1:{2:{3}}}}", "{0]", "{0!rx}", "x{:}y{}z", "}}{{", "{0!r:}",
             "{ 0 }", "{0:}}", "{:{}", "{0:{}}}}", "{a[}", "{a[b]]}", "{a!s!r}", "{a:x}}", "a}}b}", "{}", "{}{0}",
             "{0}{}", "{0..a}", "{0[]}", "{.a}", "{[0]}", "{-1}", "{0x}", "{999999999999999999999}", "{1}", "{}{}",
             "{a}", "{0!a}", "{:{}}", "{0:{1:{2}}}", "{0[0]x}", "{0!r }", "{0[0]}}", "{0:{a}}", "plain", "",
             "{0[1][2].x.y}", "{x[😀]}", "😀{}😀", "{0[-1]}", "{0[ 1]}", "{0:>{1}}", "{:^{}.{}}", "{!s}{!r}", "{{}}", "{a{b}", "{!}", "{0!", "{0!r!}", "{0!r:{}}", "{!}}",
             "{0[}]}", "{0:{[}]}", "{:%Y-%m}", "{0:{{}}}"]


def parse_template(t):
    """Structure of a template as the tests expect: literals and fields with first/path/conv/spec."""
    import _string
    counter = [0]
    mode = [None]

    def first_of(name):
        head, rest = _string.formatter_field_name_split(name)
        if head == "":
            if mode[0] == "manual":
                raise ValueError("cannot switch from manual field specification to automatic field numbering")
            mode[0] = "auto"
            head = counter[0]
            counter[0] += 1
        elif isinstance(head, int):
            if mode[0] == "auto":
                raise ValueError("cannot switch from automatic field numbering to manual field specification")
            mode[0] = "manual"
        path = [{"attribute": k} if is_attr else {"key": k} for is_attr, k in rest]
        return head, path

    def level(text, depth):
        if depth <= 0:
            raise ValueError("Max string recursion exceeded")
        out = []
        for literal, name, spec, conv in _string.formatter_parser(text):
            if literal:
                if out and isinstance(out[-1], str):
                    out[-1] += literal
                else:
                    out.append(literal)
            if name is None:
                continue
            if conv is not None and conv not in "rsa":
                raise ValueError("Unknown conversion specifier " + conv)
            head, path = first_of(name)
            nested = level(spec, depth - 1) if "{" in spec else None
            out.append({"first": head, "path": path, "conversion": conv, "spec": "" if nested else spec,
                        "specParts": nested})
        return out

    return level(t, 2)


dump("format-template", [{"template": t, **run(lambda: json.dumps(parse_template(t))),
                          "format": run(lambda: t.format([[1, 2, [3, 4, 5]]], 12, 3, 4, a=3, x={"😀": 1}, w=5, p=2))}
                         for t in templates])

# ---------------------------------------------------------------------------------------------
# percent formatting
pct_templates = ["%d", "%5.2f", "%x", "%c", "%s %s", "%(a)s", "%(a)s %s", "%", "%z", "%*d", "%-5d|", "%05d", "%+d",
                 "% d", "%#x", "%#o", "%e", "%g", "%r", "%a", "%%", "%.3s", "%5%", "%(a", "%i", "%u", "%X", "%#X",
                 "%.0e", "%10.4g", "%-+8.2f|", "%.2d", "%05f", "%5s", "%-05d", "%#.3g", "%(a)*d", "%+.3x", "%#08.3x",
                 "%ld", "%-*d|", "%.*f", "%E", "%F", "%G", "%10.3E", "%-10s|", "%.0f", "%#.0f", "% 010.2f", "%+05d",
                 "%s%%", "%c%c", "%(a)s-%(b)r", "%.1f%%", "%3c", "%-3c|", "% x", "%+o", "%é", "x%sy", "%.50f",
                 "%.105f", "%08.3e", "%+#x"]
pct_args = [(5,), (3.7,), ("x",), (1, 2), {"a": 1, "b": "q"}, (-5,), (65,), (True,), (2.5,), (-0.0,), (float("inf"),),
            (float("nan"),), (10 ** 20,), (1e300,), ("😀",), ("ab",), (None,), (-1234.5678,), (0.5,), (3, 7.25)]
pcases = []
for t in pct_templates:
    for a in pct_args:
        pcases.append({"template": t, "args": enc(list(a)) if isinstance(a, tuple) else enc(a),
                       "mapping": isinstance(a, dict), **run(lambda: t % a)})
dump("percent-format", pcases)

# ---------------------------------------------------------------------------------------------
# int/float text
int_texts = ["0", "-0", "+7", "  42  ", "\t-17\n", "1_000", "1__0", "_1", "1_", "0x1f", "0X1F", "0o17", "0b101",
             "0x_1f", "0x__1f", "0_0", "00", "010", "0b", "0x", "", " ", "abc", "12a", "１２３", "١٢٣", "9" * 30,
             "-" + "9" * 40, "1" * 4300, "1" * 4301, "z", "Z", "zz", "-0b_1", "1 2", "+-1", "0o8", "0b2", "٣_٤",
             "\u2003 12 \u3000", "12\x00", "0xg", "1.5", "1e3", "deadbeef", "DEADBEEF", "7" * 500, "x" * 300, "'q'",
             "10" * 100, "\U0001d7ce\U0001d7cf", "\ufeff1"]
bases = [0, 10, 2, 8, 16, 36, 3, 7, 1, 37, -1, 35]
icases = []
for t in int_texts:
    for b in bases:
        icases.append({"text": t, "base": b, **run(lambda: int(t, b))})
dump("int-parse", icases)

big = [0, 1, -1, 2 ** 53, -(2 ** 53) - 1, 10 ** 4299, 10 ** 4300 - 1, 10 ** 4300, -(10 ** 4300), 2 ** 14285,
       2 ** 14284, 2 ** 20000, 3 ** 5000, -(7 ** 3000), 255, -255, 2 ** 64 - 1]
dump("int-str", [{"value": enc(v), "str": run(lambda: str(v)), "hex": hex(v), "oct": oct(v) if abs(v) < 2 ** 1000 else None,
                  "bin": bin(v) if abs(v) < 2 ** 1000 else None}
                 for v in big])

float_texts = ["1", "-1.5", " 2.5 ", "1_000.5", "1__0", "_1", "1_", "1_.5", "1._5", ".5", "5.", ".", "e5", "1e5",
               "1E-5", "1e+5", "1e", "inf", "-inf", "+inf", "Infinity", "-iNfInItY", "nan", "-nan", "NaN", "infinit",
               "in f", "0x10", "１.５", "1e400", "-1e400", "1e-400", "4.9e-324", "2.4703282292062328e-324",
               "0.1", "1_0e1_0", "1e1_0", "", " ", "abc", "1.5j", "\u20031.25\u3000", "12\x00", "١.٥",
               "9007199254740993", "1.7976931348623157e308", "1.7976931348623159e308", "-0", "-0.0", "+.5e-3",
               "0000.000", "1" * 400]
dump("float-parse", [{"text": t, **run(lambda: float(t))} for t in float_texts])

# ---------------------------------------------------------------------------------------------
# str methods
samples = ["", "a", "abc", "Hello World", "  spaced  out  ", "a,b,,c", "a😀b😀c", "😀😀", "ß straße", "ǅungla",
           "ﬁnance ﬂy", "ΑΣ ΟΔΟΣ", "ὈΔΥΣΣΕΎΣ", "İstanbul", "line1\nline2\r\nline3\rline4\x0bline5\x1cx\u2028y\u2029",
           "tab\there\tx", "ab\tc😀\td\n\te", "\u00a0nb\u3000sp\u2003", "MiXeD cAsE 123", "don't stop",
           "hello_world-foo bar", "ǉubljana ǈ", "x" * 5, "ab" * 4, "ﬃ", "ŉ", "ᾳ ᾀ", "123", "١٢٣", "²³",
           "½", "一二三", "Ⅻ", "abc123", "abc 123", "\t\n", "A", "aB", "Title Case Words", "Not title case",
           "ǅ", "1A", "_id", "2x", "résumé", "𝔘𝔫𝔦", "\x00\x7f\x80\xff", "\ud800", "'", '"', "'\"", "\\", "\u200b",
           "\u0301", "a\u0301", "Σ", "aΣ", "aΣb", "aΣ.", "ΣΑ", "ß", "ẞ", "Ꭰ", "ꭰ", "ǰ", "ﬗ", "🄰", "ᵃ"]
subs = ["", "a", "b", "ab", "😀", " ", ",", "x", "ss", "\n", "line", "Σ"]
scases = []


def add(name, fn, *args):
    scases.append({"method": name, "args": enc(list(args)), **run(lambda: fn(args[0]))})


for s in samples:
    for m in ["upper", "lower", "capitalize", "title", "swapcase", "casefold", "isalpha", "isdecimal", "isdigit",
              "isnumeric", "isalnum", "isspace", "islower", "isupper", "istitle", "isidentifier", "isprintable",
              "isascii", "strip", "lstrip", "rstrip", "split", "rsplit", "splitlines", "expandtabs", "__repr__",
              "__len__"]:
        add(m, lambda s, m=m: getattr(s, m)(), s)
    add("splitlines", lambda s: s.splitlines(True), s, True)
    add("expandtabs", lambda s: s.expandtabs(4), s, 4)
    add("expandtabs", lambda s: s.expandtabs(0), s, 0)
    for w in [0, 5, 12]:
        add("center", lambda s, w=w: s.center(w, "*"), s, w, "*")
        add("center", lambda s, w=w: s.center(w), s, w)
        add("ljust", lambda s, w=w: s.ljust(w, "😀"), s, w, "😀")
        add("rjust", lambda s, w=w: s.rjust(w), s, w)
        add("zfill", lambda s, w=w: s.zfill(w), s, w)
    for sub in rng.sample(subs, 3):
        for m in ["find", "rfind", "index", "rindex", "count", "startswith", "endswith", "partition", "rpartition",
                  "removeprefix", "removesuffix", "split", "rsplit", "strip", "lstrip", "rstrip"]:
            add(m, lambda s, sub=sub, m=m: getattr(s, m)(sub), s, sub)
        for a, b in rng.sample([(1, None), (-3, None), (2, -1), (0, 100), (5, 2), (-100, 3), (3, 3), (None, 4), (100, None)], 4):
            for m in ["find", "rfind", "count", "startswith", "endswith"]:
                add(m, lambda s, sub=sub, m=m, a=a, b=b: getattr(s, m)(sub, a, b), s, sub, a, b)
        add("replace", lambda s, sub=sub: s.replace(sub, "<>"), s, sub, "<>")
        add("replace", lambda s, sub=sub: s.replace(sub, "-", 2), s, sub, "-", 2)
        for k in [0, 1, 2]:
            add("split", lambda s, sub=sub, k=k: s.split(sub, k), s, sub, k)
            add("rsplit", lambda s, sub=sub, k=k: s.rsplit(sub, k), s, sub, k)
    for k in [0, 1, 2]:
        add("split", lambda s, k=k: s.split(None, k), s, None, k)
        add("rsplit", lambda s, k=k: s.rsplit(None, k), s, None, k)
    add("startswith", lambda s: s.startswith(("x", "a", "😀")), s, ["x", "a", "😀"])
    add("__getitem__", lambda s: [s[i:j:k] for i in (None, 1, -2) for j in (None, 3, -1) for k in (1, 2, -1, -2)], s)
    add("__getitem__", lambda s: s[-1], s, -1)
    add("__getitem__", lambda s: s[1], s, 1)
dump("str-methods", scases)
dump("bytes-repr", [{"bytes": list(b), "repr": repr(b)} for b in
                    [b"", b"abc", b"'", b'"', b"'\"", b"\x00\x01\t\n\r\x7f\x80\xff", bytes(range(256)), b"\\"]])
