# Word frequency with a plain dict and the top entries by count then word.
text = """it was the best of times it was the worst of times it was the age of wisdom
it was the age of foolishness it was the epoch of belief it was the epoch of incredulity"""
freq = {}
for word in text.split():
    freq[word] = freq.get(word, 0) + 1
top = sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))[:6]
for word, count in top:
    print(f"{word:>12} {count:3d} {'#' * count}")
print(len(freq), sum(freq.values()))
letters = {}
for ch in text.replace(" ", "").replace("\n", ""):
    letters[ch] = letters.get(ch, 0) + 1
print(sorted(letters.items())[:5])
