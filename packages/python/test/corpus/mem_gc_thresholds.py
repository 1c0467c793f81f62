# get_threshold/set_threshold, threshold 0 disables automatic collection, isenabled.
import gc

print(gc.get_threshold())
print(gc.isenabled())
gc.set_threshold(5)
print(gc.get_threshold())
gc.set_threshold(5, 3)
print(gc.get_threshold())
gc.set_threshold(50, 20, 5)
print(gc.get_threshold())
gc.collect()
gc.set_threshold(0)
junk = [[i] for i in range(2000)]
print("threshold 0: count grows past anything", gc.get_count()[0] > 2000)
gc.set_threshold(700, 10, 10)
gc.disable()
print(gc.isenabled())
gc.collect()
more = [[i] for i in range(1500)]
print("disabled: count", gc.get_count())
gc.enable()
print(gc.isenabled())
try:
    gc.set_threshold()
except TypeError as e:
    print("TypeError", e)
try:
    gc.set_threshold(1, 2, 3, 4)
except TypeError as e:
    print("TypeError", e)
