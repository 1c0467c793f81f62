# WeakKeyDictionary entries disappear when their keys die.
import weakref


class Key:
    def __init__(self, n):
        self.n = n


meta = weakref.WeakKeyDictionary()
k1 = Key(1)
k2 = Key(2)
meta[k1] = "one"
meta[k2] = "two"
print(len(meta), meta[k1], meta.get(k2))
print("contains", k1 in meta)
del k1
print("after del", len(meta), [k.n for k in meta.keys()])
meta[k2] = "TWO"
print(meta[k2])
del meta[k2]
print("explicit delete", len(meta))
