import { TypeRegistry } from "@pymem/core";
import { describe, expect, it } from "vitest";
import {
  T_CLEAR,
  T_CONTAINER,
  T_FINALIZE,
  T_LEGACY_FINALIZER,
  T_REGISTERED,
  T_UNTRACK_EVERY,
  T_UNTRACK_FULL,
  T_WEAKREFABLE,
  TypeTable,
} from "../src/index";

const type = (name: string, extra: object = {}) => ({
  name,
  basicSize: 16,
  itemSize: 0,
  isContainer: true,
  weaklistOffset: 0,
  traverse: () => {},
  dealloc: () => {},
  sizeOf: () => 32,
  ...extra,
});

describe("TypeTable", () => {
  it("computes one byte of flags per type id and follows new registrations", () => {
    const types = new TypeRegistry();
    const leaf = types.register(type("leaf", { isContainer: false }));
    const full = types.register(
      type("full", { hasLegacyFinalizer: true, finalize: () => {}, clear: () => {}, weaklistOffset: 16 }),
    );
    const table = new TypeTable(types, {
      [full]: { when: "every-collection", canUntrack: () => false },
      5: { when: "full-collection", canUntrack: () => false },
    });
    expect(table.flags[0]).toBe(0);
    expect(table.flags[leaf]).toBe(T_REGISTERED);
    expect(table.flags[full]).toBe(
      T_REGISTERED |
        T_CONTAINER |
        T_LEGACY_FINALIZER |
        T_FINALIZE |
        T_CLEAR |
        T_WEAKREFABLE |
        T_UNTRACK_EVERY,
    );
    expect(table.infos[full]!.name).toBe("full");
    types.register(type("t3"));
    types.register(type("t4"));
    const five = types.register(type("t5"));
    expect(table.flags[five] ?? 0).toBe(0);
    table.refresh();
    expect(table.flags[five]).toBe(T_REGISTERED | T_CONTAINER | T_UNTRACK_FULL);
    expect(table.rules[five]!.when).toBe("full-collection");
  });
});
