# repr and str of strings with quotes, escapes and control characters.
samples = ["plain", "it's", 'say "hi"', "both ' \"", "tab\t", "nl\n", "cr\r", "bs\\", "nul\x00", "bell\x07", "del\x7f", "é", "\x80", "\u200b", "😀", "\ud7ff"]
for s in samples:
    print(repr(s), len(s))
print(str(["it's", 'a"b']), str(("\n",)), {"k'": "v\""})
print("a\
b", "c\"d", 'e\'f', "\u2022")
