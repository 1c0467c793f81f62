import { describe, expect, it } from "vitest";
import { formatAllocatorStatsLine, formatStatLine, formatThousands, SizeError } from "../src/index";

describe("debug stats formatting (CPython's printone and _PyDebugAllocatorStats)", () => {
  it("groups digits by three with commas", () => {
    expect(formatThousands(0)).toBe("0");
    expect(formatThousands(999)).toBe("999");
    expect(formatThousands(1000)).toBe("1,000");
    expect(formatThousands(1048576)).toBe("1,048,576");
    expect(formatThousands(123456789012)).toBe("123,456,789,012");
  });

  it("pads the label to column 35 and right-aligns the value in 21 columns", () => {
    const line = formatStatLine("# arenas allocated total", 3);
    expect(line).toBe("# arenas allocated total           =                    3\n");
    expect(line.indexOf("=")).toBe(35);
    expect(line.length).toBe(35 + 1 + 21 + 1);
    expect(formatStatLine("1 arenas * 1048576 bytes/arena", 1048576)).toBe(
      "1 arenas * 1048576 bytes/arena     =            1,048,576\n",
    );
  });

  it("does not cut labels longer than 35 characters", () => {
    const label = "a label that is definitely longer than thirty-five";
    expect(formatStatLine(label, 7)).toBe(`${label}=                    7\n`);
  });

  it("keeps the rightmost 21 characters of a value too wide for its column", () => {
    // 9,007,199,254,740,991 is 21 characters wide: it just fits
    expect(formatStatLine("x", Number.MAX_SAFE_INTEGER)).toBe(`${"x".padEnd(35)}=9,007,199,254,740,991\n`);
  });

  it("formats free-list lines as _PyDebugAllocatorStats does", () => {
    const line = formatAllocatorStatsLine("free float", 80, 24);
    expect(line).toBe(`${" ".repeat(18)}80 free floats * 24 bytes each =${" ".repeat(16)}1,920\n`);
    expect(line.indexOf("=")).toBe(49);
    expect(formatAllocatorStatsLine("free 1-sized tuple", 0, 64)).toBe(
      `${" ".repeat(11)}0 free 1-sized tuples * 64 bytes each =${" ".repeat(20)}0\n`,
    );
  });

  it("rejects negative, fractional and NaN values", () => {
    expect(() => formatStatLine("x", -1)).toThrow(SizeError);
    expect(() => formatStatLine("x", 1.5)).toThrow(SizeError);
    expect(() => formatThousands(Number.NaN)).toThrow(SizeError);
    expect(() => formatAllocatorStatsLine("free float", -2, 24)).toThrow(SizeError);
  });
});
