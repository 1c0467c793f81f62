/**
 * `json`: nested dicts and lists built and dropped, as `json.loads` builds them.
 *
 * Model: a client that pages through an API: it decodes each response (a JSON document), keeps
 * the documents of the current page, and drops the whole page when it moves to the next. The
 * decoder builds each document depth first, the way CPython's scanner does: a dict is created
 * and filled key by key as values are decoded, a list grows by appends, keys repeated within
 * one document are the same str object (the scanner's memo), and strings are fresh objects.
 *
 * ```
 *  document  dict of 5-14 fields; each value one of
 *              str (3-40 chars; 1 in 20 a 600-2,000-char description -> beyond pymalloc)
 *              int (small cached ones and large ones), float, True/False, None
 *              dict (nested, up to depth 4), list of 0-11 values
 *  page      documents accumulate in a list of up to 250; then the list is replaced by an empty
 *            one and the whole page dies at once (the live set climbs and falls, so arenas are
 *            mapped and, once wholly free, given back)
 * ```
 *
 * Default size: 2,000 documents at scale 1.
 *
 * @module
 */
import { type PyDict, PyList, type PyObject, type PyStr, type PyValue, type Runtime } from "@pymem/runtime";
import type { Rng } from "../rng";
import { scaledSteps, type Workload, type WorkloadContext } from "../workload";

/** Documents decoded at scale 1. */
const DOCUMENTS = 2_000;
/** Documents per page. */
const PAGE = 250;
/** Deepest nesting of containers. */
const MAX_DEPTH = 4;
/** Field names documents use. */
const FIELDS = [
  "id",
  "name",
  "type",
  "created_at",
  "updated_at",
  "status",
  "tags",
  "owner",
  "price",
  "currency",
  "items",
  "quantity",
  "description",
  "url",
  "enabled",
  "score",
  "children",
  "metadata",
  "version",
  "region",
];
/** Words string values are made of. */
const WORDS = [
  "alpha",
  "beta",
  "gamma",
  "delta",
  "north",
  "south",
  "red",
  "green",
  "blue",
  "order",
  "user",
  "item",
  "2023",
  "v1",
];

/** One document's decoding state: the random source and the key memo. */
class Decoder {
  private readonly memo = new Map<string, PyStr>();

  constructor(
    private readonly rt: Runtime,
    private readonly rng: Rng,
  ) {}

  /** The memoised key object (a new reference each time it is stored). */
  key(name: string): PyStr {
    let key = this.memo.get(name);
    if (key === undefined) {
      key = this.rt.str(name, false);
      this.memo.set(name, key);
    }
    return key.newRef();
  }

  text(): string {
    const rng = this.rng;
    if (rng.chance(0.05)) {
      let long = "";
      const target = 600 + rng.below(1400);
      while (long.length < target) long += `${WORDS[rng.below(WORDS.length)]} `;
      return long;
    }
    const n = 1 + rng.below(4);
    const parts: string[] = [];
    for (let i = 0; i < n; i++) parts.push(WORDS[rng.below(WORDS.length)]!);
    return parts.join("-").slice(0, 40);
  }

  value(depth: number): PyValue {
    const rng = this.rng;
    const kind = rng.below(depth < MAX_DEPTH ? 9 : 7);
    switch (kind) {
      case 0:
      case 1:
        return this.rt.str(this.text(), false);
      case 2:
        return rng.chance(0.5) ? rng.below(257) : 1000 + rng.below(10_000_000);
      case 3:
        return rt2(rng.nextFloat() * 1000);
      case 4:
        return rng.chance(0.5);
      case 5:
        return null;
      case 6:
        return this.rt.str(`${WORDS[rng.below(WORDS.length)]}`, false);
      case 7:
        return this.object(depth + 1, 1 + rng.below(6));
      default:
        return this.array(depth + 1);
    }
  }

  object(depth: number, fields: number): PyDict {
    const d = this.rt.dict();
    for (let i = 0; i < fields; i++)
      d.set(this.key(FIELDS[this.rng.below(FIELDS.length)]!), this.value(depth));
    return d;
  }

  array(depth: number): PyList {
    const list = this.rt.list();
    const n = this.rng.below(12);
    for (let i = 0; i < n; i++) list.append(this.value(depth));
    return list;
  }

  /** Releases the memo's references (the document keeps its own). */
  close(): void {
    for (const key of this.memo.values()) key.release();
    this.memo.clear();
  }
}

/** Rounds to two decimals, as prices and scores in documents are. */
function rt2(x: number): number {
  const v = Math.round(x * 100) / 100;
  return Number.isInteger(v) ? v + 0.5 : v;
}

/** The `json` workload. */
export const json: Workload = {
  name: "json",
  summary: "nested dicts and lists decoded as json.loads builds them, kept a page of 250 at a time",
  modelledOn: "json.loads of paged API responses",
  run({ rt, rng, scale, progress }: WorkloadContext): void {
    const steps = scaledSteps(DOCUMENTS, scale);
    for (let step = 0; step < steps; step++) {
      // A new page: rebinding the name drops the previous page and every document in it.
      if (step % PAGE === 0) rt.globals.set("page", rt.list());
      const decoder = new Decoder(rt, rng);
      const document: PyObject = decoder.object(0, 5 + rng.below(10));
      decoder.close();
      (rt.globals.get("page", PyList) as PyList).append(document);
      progress.update(step + 1, steps);
    }
  },
};
