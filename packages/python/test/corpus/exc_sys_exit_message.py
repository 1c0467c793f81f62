# sys.exit with a string prints it to stderr and exits 1; SystemExit can be caught.
import sys

try:
    sys.exit(7)
except SystemExit as e:
    print("caught SystemExit", e.code)
try:
    sys.exit()
except SystemExit as e:
    print("no argument", e.code)
sys.exit("fatal: giving up")
