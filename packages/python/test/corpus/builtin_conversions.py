# Conversions between builtin types.
print(list("abc"), list((1, 2)), list({"a": 1}), list(range(3)), list({3: 0, 1: 0}.items()))
print(tuple([1, 2]), set("aab") == {"a", "b"}, dict([(1, 2), (3, 4)]), dict(zip("ab", [1, 2])))
print(str(1.0), str(10**20), str([1.5, "x"]), str((1,)), str({1: "a"}), str(set()), str(frozenset()))
print(int("10"), int(10.9), int("-7"), float("3"), float(3), bool([]), bool([0]), int(float("1e3")))
print(repr(str(b"x")), bytes([65, 66]), bytes("hé", "utf-8"), list(b"AB"), "AB".encode(), b"AB".decode())
print(chr(ord("a") + 1), ord(chr(1000)), hex(int("ff", 16)), int(hex(255), 16), int(bin(5), 2), int(oct(8), 8))
print(sorted(map(int, "3 1 2".split())), "".join(map(str, [1, 2, 3])), list(map(float, ["1", "2.5"])))
