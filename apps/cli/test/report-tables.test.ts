// The compare table's rows: the union of every report's metrics, in display order.
import { describe, expect, it } from "vitest";
import { mergeRowLabels } from "../src/report-tables";

describe("mergeRowLabels", () => {
  it("puts a label the first list lacks after its predecessor, not at the end", () => {
    expect(
      mergeRowLabels([
        ["wall", "gen 0", "collected", "live"],
        ["wall", "gen 0", "gen 1", "gen 2", "collected", "live"],
      ]),
    ).toEqual(["wall", "gen 0", "gen 1", "gen 2", "collected", "live"]);
  });

  it("keeps labels every list shares once, and leading labels at the front", () => {
    expect(
      mergeRowLabels([
        ["b", "c"],
        ["a", "b", "c"],
        ["a", "c", "d"],
      ]),
    ).toEqual(["a", "b", "c", "d"]);
    expect(mergeRowLabels([["x"], ["x"]])).toEqual(["x"]);
    expect(mergeRowLabels([])).toEqual([]);
  });
});
