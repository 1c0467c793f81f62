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
        return {"int": str(v)}
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
        json.dump(cases, f, ensure_ascii=False, indent=0)
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
