# Formatting floats with format(), %, str.format and f-strings.
values = [0.0, 1.0, -1.5, 3.14159, 1234.5678, 0.000123, 1e10, 2.5, 3.5, 1e-10, 123456789.0]
for v in values:
    print(f"{v}|{v:.2f}|{v:.3e}|{v:g}|{v:10.4}|{v:+.1f}", "%.3f %g %e" % (v, v, v), "{:.1%}".format(v))
print(f"{1/3:.20f}", f"{2/3:.0f}", f"{0.125:.2f}", f"{0.375:.2f}", f"{1e300*10:f}", f"{-1e300*10:.2f}")
print(f"{float('nan'):f}", f"{12.0:.0e}", f"{1e16:.1f}", f"{123.456:,.1f}", f"{-0.001:.2f}")
