# A formatted report: column alignment, thousands separators, percentages and signs.
sales = [("north", 1234567.891, 0.125), ("south", 98765.4, -0.0725), ("east", 0.5, 1.5), ("west", 100000, 0.0)]
print(f"{'region':<8}|{'revenue':>16}|{'growth':>9}")
print("-" * 35)
for region, revenue, growth in sales:
    print(f"{region:<8}|{revenue:>16,.2f}|{growth:>+9.1%}")
print("-" * 35)
total = sum(r for _, r, _ in sales)
print(f"{'total':<8}|{total:>16,.2f}|{'':>9}")
print(f"{len(sales):^35}")
for n in (0, 7, 42, 1000, -5):
    print(f"{n:5d}|{n:<5x}|{n:^7b}|{n:+05}|{n:e}")
