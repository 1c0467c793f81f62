# sys.exit(3) ends the program with exit code 3; finally blocks still run.
import sys

print("start")
try:
    sys.exit(3)
finally:
    print("finally runs on the way out")
print("never printed")
