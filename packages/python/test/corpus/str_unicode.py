# Strings as sequences of code points: lengths, indexing, slicing and ord/chr beyond ASCII.
words = ["naïve", "Ωmega", "日本語", "emoji 😀!", "e\u0301"]
for w in words:
    print(w, len(w), w[0], w[-1], w[::-1], [ord(c) for c in w[:3]], w.upper())
print("😀" * 3, len("😀" * 3), "😀😀".find("😀", 1), "a😀b".index("b"))
print("".join(chr(c) for c in range(0x3b1, 0x3b6)))
print("straße".upper(), "İ".lower() == "i̇", "ǅ".title())
print("ab😀cd"[2:4], "ab😀cd".split("😀"), "x😀y".encode("utf-8"), b"\xf0\x9f\x98\x80".decode("utf-8"))
print(repr("tab\there"), repr("\x00\x7f\x80\xff"), repr("\u2028"), repr("😀"))
print(sorted(["é", "e", "z", "a", "É"]), "é" > "z")
