# Example of Tuning Garbage Collection
# Here is an example of how to use the gc module to control and inspect garbage collection in a Python application:

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
