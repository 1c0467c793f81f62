# f-string self-documenting expressions (=), nested format specs, and multi-line f-strings.
x = 3
name = "pymem"
print(f"{x=}", f"{x * 2 = }", f"{name=!s}", f"{name=:>8}", f"{x=:03d}")
values = [1.23456, 22.5, 333.0]
for width in (6, 9):
    print("|".join(f"{v:{width}.{width - 4}f}" for v in values))
total = sum(values)
report = (
    f"items: {len(values)}\n"
    f"total: {total:.2f}\n"
    f"max:   {max(values):>8.1f}"
)
print(report)
print(f"{'a' if x > 2 else 'b'}", f"{[i * i for i in range(x)]}", f"{ {'k': x}['k'] }", f"{(lambda: 'called')()}")
print(f"{x:{'>'}{10}}|", f"{3.14159:.{x}f}", f"{name!r:^12}|")
