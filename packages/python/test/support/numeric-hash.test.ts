import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hashFloat, hashInt } from "../../src/support/numeric-hash.js";
import { decode, loadFixture } from "./fixture.js";

describe("numeric hashes", () => {
  it("hash(int) and hash(float) are python3.11's", () => {
    const cases = loadFixture<{ int?: unknown; float?: unknown; hash: string }>("numeric-hash");
    for (const c of cases) {
      const got =
        c.int !== undefined ? hashInt(decode(c.int) as bigint) : hashFloat(decode(c.float) as number);
      expect([c, String(got)]).toEqual([c, c.hash]);
    }
  });

  it("an integral float hashes like the equal int", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        if (Number.isInteger(x)) expect(hashFloat(x)).toBe(hashInt(BigInt(x)));
      }),
    );
  });
});
