# f-strings: expressions, conversions, nested quotes, braces, and format specs.
name = "Ada"
age = 36
pi = 3.14159265
big = 1234567.891
items = [1, 2, 3]
print(f"{name} is {age}", f"{age + 1}", f"{name!r}", f"{name!s}", f"{items!r}", f"{'quoted'}")
print(f"{pi:.2f}|{pi:10.3f}|{pi:<10.1f}|{pi:e}|{pi:.3g}|{pi:%}")
print(f"{age:>10}|{age:<10}|{age:^10}|{age:*^10}|{age:010}|{age:+d}|{-age: d}")
print(f"{big:,}|{big:,.2f}|{1234567:,}|{1234567:_}|{255:x}|{255:#X}|{255:#o}|{255:#b}|{255:08b}")
print(f"{name:>8}|{name:.<8}|{name:^9}|{name:.2}")
print(f"{{literal braces}} {{{age}}}")
width = 8
precision = 3
print(f"{pi:{width}.{precision}f}|{name:>{width}}")
print(f"{items[0]} {items[-1]} {len(items)} {sum(items) / len(items):.1f}")
d = {"k": "v"}
print(f"{d['k']} {d!r}")
print(f"{'nested ' + f'{age}'}")
print(f"{3.0}|{1e20}|{0.1 + 0.2}|{True}|{None}|{1 / 3:.5}")
print(f"{0.5:.0f}|{1.5:.0f}|{2.5:.0f}|{-0.0:.1f}|{1e-7:.2e}|{123456789:.3e}")
print(f"{12:#x}|{-12:x}|{3:03d}|{-3:03d}|{1000000:_d}")
print(f"{'left':<6}|{'right':>6}|{3.5:>8.2f}|{'x' * 3}")
