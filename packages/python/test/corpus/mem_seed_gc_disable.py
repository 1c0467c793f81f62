import gc



gc.disable()  # Disable garbage collection
# Perform performance-critical operations
gc.enable()  # Re-enable garbage collection
