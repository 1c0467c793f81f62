# Numeric, string, bytes and constant literals.
print(0, 7, -7, 1_000_000, 0x1F, 0o17, 0b1011, 0XFF, 0O7, 0B1)
print(123456789012345678901234567890)
print(1.5, 1e3, 1.5e-7, 1e16, 1e22, 0.1, .5, 5., 1_0.5_0, 3.14e+2)
print("double", 'single', """triple
quoted""", '''also
triple''')
print("tab\tnewline\\n quote\" apostrophe\' backslash\\ bell-free")
print("\x41\u00e9\u20ac\U0001F600\101\0end".encode("utf-8"))
print(r"raw \n stays", R"raw\t")
print("implicit" " concatenation" ' of ' """literals""")
print(b"bytes", b"\x00\xff", rb"\n", len(b"abc"))
print(None, True, False)
print(type(1).__name__, type(1.0).__name__, type("").__name__, type(b"").__name__, type(None).__name__)
