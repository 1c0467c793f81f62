import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRuntime, PyStr, presets } from "../../src/index";

describe("str", () => {
  const rt = createRuntime();

  it("has PEP 393 compact sizes: 48 + len + 1 for ASCII, 72 + (len + 1) * kind otherwise", () => {
    expect(rt.sys.getsizeof("")).toBe(49);
    expect(rt.sys.getsizeof("a")).toBe(50);
    expect(rt.sys.getsizeof("hello")).toBe(54);
    expect(rt.sys.getsizeof("é")).toBe(74);
    expect(rt.sys.getsizeof("héllo")).toBe(78);
    expect(rt.sys.getsizeof("€")).toBe(76);
    expect(rt.sys.getsizeof("🎉")).toBe(80);
    expect(rt.sys.getsizeof("a🎉")).toBe(84);
  });

  it("picks the narrowest kind for the largest code point", () => {
    expect(rt.str("abc").kind).toBe(1);
    expect(rt.str("ÿ").kind).toBe(1);
    expect(rt.str("Ā").kind).toBe(2);
    expect(rt.str("𝄞").kind).toBe(4);
  });

  it("round-trips any string, including astral code points", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 40 }), (s) => {
        using h = rt.str(s, false);
        expect(h.value).toBe(s);
        expect(h.length).toBe([...s].length);
        expect(rt.core.strs.equalsString(h.address, s)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("interns name-like literals (one object), not other strings", () => {
    expect(rt.str("spam").is(rt.str("spam"))).toBe(true);
    expect(rt.str("spam").interned).toBe(true);
    expect(rt.str("hello world").is(rt.str("hello world"))).toBe(false);
    expect(rt.str("spam", false).is(rt.str("spam"))).toBe(false);
    const computed = rt.str("eggs and spam", false);
    const interned = rt.sys.intern(computed);
    expect(interned.is(computed)).toBe(true);
    expect(rt.sys.intern("eggs and spam").is(computed)).toBe(true);
  });

  it("drops a dead interned string from the intern table (3.11's mortal interning)", () => {
    const rt2 = createRuntime();
    const s = rt2.str("transient_name");
    expect(rt2.core.interned.lookup("transient_name")).toBe(s.address);
    s.release();
    expect(rt2.core.interned.lookup("transient_name")).toBe(0);
  });

  it("shares static singletons for the empty string and one Latin-1 character", () => {
    expect(rt.str("").is(rt.str("", false))).toBe(true);
    expect(rt.str("x").is(rt.str("x", false))).toBe(true);
    // 3.11 counts them from 999999999; 3.12 on makes them immortal.
    expect(rt.core.space.refcount.isImmortal(rt.str("é").address)).toBe(false);
    expect(rt.sys.getrefcount(rt.str("é"))).toBeGreaterThanOrEqual(999_999_999);
    const rt312 = createRuntime(presets.cpython312);
    expect(rt312.core.space.refcount.isImmortal(rt312.str("é").address)).toBe(true);
    expect(rt.str("€").is(rt.str("€"))).toBe(false);
  });

  it("compares by content and reprs with Python's quoting", () => {
    expect(rt.str("abc", false).equals("abc")).toBe(true);
    expect(rt.str("abc").equals("abd")).toBe(false);
    expect(rt.str("it's").repr()).toBe(`"it's"`);
    expect(rt.str("a\nb").repr()).toBe("'a\\nb'");
    expect(rt.value("x")).toBeInstanceOf(PyStr);
  });
});
