# fannkuch-redux: for every permutation of 1..n (in the benchmark's rotation order), count the
# prefix reversals ("pancake flips") until 1 is in front. Prints the alternating checksum of the
# flip counts and the maximum.
import sys


def fannkuch(n):
    perm1 = list(range(n))
    count = [0] * n
    max_flips = 0
    checksum = 0
    permutation = 0
    r = n
    while True:
        while r != 1:
            count[r - 1] = r
            r -= 1
        perm = perm1[:]
        flips = 0
        k = perm[0]
        while k:
            perm[: k + 1] = perm[k::-1]
            flips += 1
            k = perm[0]
        if flips > max_flips:
            max_flips = flips
        checksum += flips if permutation % 2 == 0 else -flips
        # next permutation: rotate the first r+1 elements left until a counter is not exhausted
        while True:
            if r == n:
                return checksum, max_flips
            perm1.insert(r, perm1.pop(0))
            count[r] -= 1
            if count[r] > 0:
                break
            r += 1
        permutation += 1


n = int(sys.argv[1]) if len(sys.argv) > 1 else 9
checksum, flips = fannkuch(n)
print(checksum)
print("Pfannkuchen(%d) = %d" % (n, flips))
