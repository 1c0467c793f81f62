# The design notes' examples one after the other, as a notebook runs them in one process.
import sys

a = [1, 2, 3]
print(sys.getrefcount(a))  # Outputs 2 because the reference count includes the argument to getrefcount

b = a
print(sys.getrefcount(a))  # Outputs 3

c = a
print(sys.getrefcount(a))  # Outputs 4

del b
print(sys.getrefcount(a))  # Outputs 3

del c
print(sys.getrefcount(a))  # Outputs 2

del a

import gc

gc.disable()  # Disable garbage collection
# Perform performance-critical operations
gc.enable()  # Re-enable garbage collection

import gc

# Disable automatic garbage collection
gc.disable()

# Perform operations that generate a lot of temporary objects
temp_list = [i for i in range(10000)]
temp_list = None  # Remove the reference to the list

# Manually trigger garbage collection
gc.collect()

# Re-enable automatic garbage collection
gc.enable()

# Inspect the state of the garbage collector
print("Garbage collection thresholds:", gc.get_threshold())
print("Number of objects in each generation:", gc.get_count())
