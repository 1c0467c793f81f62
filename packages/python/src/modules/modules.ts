/**
 * The modules a program can import that the interpreter provides: `sys` and `gc` over the
 * runtime's memory facades, `time`, `math` and `weakref`. Each is a heap module object whose
 * dict holds builtin function objects.
 *
 * @module
 */
import { type Address, NULL } from "@pymem/core";
import { native } from "../interp/builtins";
import type { NativeImpl } from "../interp/class-info";
import type { Interpreter } from "../interp/interpreter";

/** A new module object named `name` with an empty dict; returns [module, dict]. */
export function newModule(R: Interpreter, name: string): [Address, Address] {
  const t = R.slot.module!;
  const m = t.createUntracked();
  const d = R.dicts.create();
  t.set(m, 0, d);
  t.set(m, 1, R.str(name));
  R.storeName(d, "__name__", R.str(name));
  R.core.space.track(m);
  return [m, d];
}

/** Makes the builtin module `name`, or returns NULL when there is none of that name. */
export function builtinModule(R: Interpreter, name: string): Address {
  const defs: Record<string, (d: Address, fn: (n: string, impl: NativeImpl) => void) => void> = {
    sys: (d, fn) => {
      fn("getrefcount", (_s, a) => R.int(R.core.space.refcount.refcount(a[0]!)));
      fn("getsizeof", (_s, a) => R.int(R.core.space.kindOf(a[0]!).sizeOf(a[0]!)));
      fn("getrecursionlimit", () => R.int(R.limit));
      fn("setrecursionlimit", (_s, a) => {
        R.limit = R.index(a[0]!);
        return R.None;
      });
      fn("intern", (_s, a) => R.core.internObject(a[0]!));
      fn("exit", (_s, a) => {
        const arg = a[0];
        if (arg !== undefined) R.rc.incref(arg);
        throw R.throwable(R.newException(R.exc.SystemExit!, arg === undefined ? [] : [arg]));
      });
      fn("_debugmallocstats", () => {
        R.options.stderr(R.rt.sys._debugmallocstats());
        return R.None;
      });
      fn("getallocatedblocks", () => R.int(R.rt.sys.getallocatedblocks()));
      R.storeName(d, "argv", R.lists.create(R.options.argv.map((s) => R.str(s))));
      R.storeName(d, "maxsize", R.int(2n ** 63n - 1n));
      R.storeName(
        d,
        "version_info",
        R.tuples.create([R.int(3), R.int(11), R.int(7), R.str("final"), R.int(0)]),
      );
      R.storeName(d, "version", R.str("3.11.7 (pymem)"));
      R.storeName(d, "platform", R.str("pymem"));
      R.storeName(d, "byteorder", R.str("little"));
      R.rc.incref(R.stdoutObject);
      R.storeName(d, "stdout", R.stdoutObject);
      R.rc.incref(R.stderrObject);
      R.storeName(d, "stderr", R.stderrObject);
    },
    gc: (d, fn) => {
      const gc = R.rt.gc;
      // gc.callbacks: a heap list; one collector callback calls its entries with a heap info dict.
      const callbacks = R.lists.create([], 0);
      R.storeName(d, "callbacks", callbacks);
      gc.callbacks.push((phase, info) => {
        const n = R.lists.length(callbacks);
        if (n === 0) return;
        const entries: Address[] = [];
        for (let i = 0; i < n; i++) entries.push(R.ref(R.lists.item(callbacks, i)));
        const infoDict = R.dicts.create();
        R.storeName(infoDict, "generation", R.int(info.generation));
        R.storeName(infoDict, "collected", R.int(info.collected));
        R.storeName(infoDict, "uncollectable", R.int(info.uncollectable));
        try {
          for (const cb of entries) {
            try {
              R.rc.decref(R.call(cb, [R.str(phase), R.ref(infoDict)], null));
            } catch (e) {
              R.unraisable(e, cb);
            }
          }
        } finally {
          for (const cb of entries) R.rc.decref(cb);
          R.rc.decref(infoDict);
        }
      });
      R.storeName(d, "DEBUG_STATS", R.int(1));
      R.storeName(d, "DEBUG_COLLECTABLE", R.int(2));
      R.storeName(d, "DEBUG_UNCOLLECTABLE", R.int(4));
      R.storeName(d, "DEBUG_SAVEALL", R.int(32));
      R.storeName(d, "DEBUG_LEAK", R.int(38));
      const garbage = R.lists.create([], 0);
      R.storeName(d, "garbage", garbage);
      // gc.garbage mirrors the collector's list after each collection.
      gc.callbacks.push((phase) => {
        if (phase !== "stop") return;
        const items = gc.garbage;
        R.lists.clear(garbage);
        R.lists.extend(
          garbage,
          items.map((x) => R.ref(x)),
        );
      });
      fn("get_debug", () => R.int(gc.get_debug()));
      fn("set_debug", (_s, a) => {
        gc.set_debug(R.index(a[0]!));
        return R.None;
      });
      fn("get_stats", () =>
        R.lists.create(
          gc.get_stats().map((st) => {
            const sd = R.dicts.create();
            R.storeName(sd, "collections", R.int(st.collections));
            R.storeName(sd, "collected", R.int(st.collected));
            R.storeName(sd, "uncollectable", R.int(st.uncollectable));
            return sd;
          }),
        ),
      );
      fn("collect", (_s, a) => {
        const generation = a.length > 0 ? R.index(a[0]!) : 2;
        if (generation < 0 || generation > 2) throw R.error("ValueError", "invalid generation");
        return R.int(gc.collect(generation));
      });
      fn("get_count", () => R.tuples.create(gc.get_count().map((n) => R.int(n))));
      fn("get_threshold", () => R.tuples.create(gc.get_threshold().map((n) => R.int(n))));
      fn("set_threshold", (_s, a) => {
        if (a.length === 0) throw R.error("TypeError", "set_threshold() takes at least 1 argument (0 given)");
        if (a.length > 3)
          throw R.error("TypeError", `set_threshold() takes at most 3 arguments (${a.length} given)`);
        const [t0, ...rest] = a.map((x) => R.index(x));
        gc.set_threshold(t0!, ...rest);
        return R.None;
      });
      fn("enable", () => {
        gc.enable();
        return R.None;
      });
      fn("disable", () => {
        gc.disable();
        return R.None;
      });
      fn("isenabled", () => R.bool(gc.isenabled()));
      fn("is_tracked", (_s, a) => R.bool(gc.is_tracked(a[0]!)));
      fn("is_finalized", (_s, a) => R.bool(gc.is_finalized(a[0]!)));
      fn("freeze", () => {
        gc.freeze();
        return R.None;
      });
      fn("unfreeze", () => {
        gc.unfreeze();
        return R.None;
      });
      fn("get_freeze_count", () => R.int(gc.get_freeze_count()));
      fn("get_referrers", (_s, a) => R.lists.create(gc.get_referrers(...a).map((x) => R.ref(x))));
      fn("get_referents", (_s, a) => R.lists.create(gc.get_referents(...a).map((x) => R.ref(x))));
      fn("get_objects", () => R.lists.create(gc.get_objects().map((x) => R.ref(x))));
    },
    time: (_d, fn) => {
      const now = () => (typeof performance !== "undefined" ? performance.now() : Date.now()) / 1000;
      fn("perf_counter", () => R.float(now()));
      fn("time", () => R.float(Date.now() / 1000));
      fn("monotonic", () => R.float(now()));
    },
    math: (d, fn) => {
      R.storeName(d, "pi", R.float(Math.PI));
      R.storeName(d, "e", R.float(Math.E));
      R.storeName(d, "tau", R.float(2 * Math.PI));
      R.storeName(d, "inf", R.float(Infinity));
      R.storeName(d, "nan", R.float(Number.NaN));
      const num = (x: Address) => {
        if (!R.isInt(x) && R.typeId(x) !== R.tid.float)
          throw R.error("TypeError", `must be real number, not ${R.typeName(x)}`);
        return R.toNumber(x);
      };
      for (const f of ["sin", "cos", "tan", "atan", "exp", "sinh", "cosh", "tanh"] as const) {
        fn(f, (_s, a) => R.float(Math[f](num(a[0]!))));
      }
      fn("sqrt", (_s, a) => {
        const x = num(a[0]!);
        if (x < 0) throw R.error("ValueError", "math domain error");
        return R.float(Math.sqrt(x));
      });
      fn("log", (_s, a) => {
        const x = num(a[0]!);
        if (x <= 0) throw R.error("ValueError", "math domain error");
        return R.float(a.length > 1 ? Math.log(x) / Math.log(num(a[1]!)) : Math.log(x));
      });
      fn("floor", (_s, a) => (R.isInt(a[0]!) ? R.ref(a[0]!) : R.int(Math.floor(num(a[0]!)))));
      fn("ceil", (_s, a) => (R.isInt(a[0]!) ? R.ref(a[0]!) : R.int(Math.ceil(num(a[0]!)))));
      fn("fabs", (_s, a) => R.float(Math.abs(num(a[0]!))));
      fn("atan2", (_s, a) => R.float(Math.atan2(num(a[0]!), num(a[1]!))));
      fn("hypot", (_s, a) => R.float(Math.hypot(...a.map(num))));
      fn("isqrt", (_s, a) => {
        const n = R.bigValue(a[0]!);
        if (n < 0n) throw R.error("ValueError", "isqrt() argument must be nonnegative");
        let x = BigInt(Math.floor(Math.sqrt(Number(n))));
        while (x * x > n) x--;
        while ((x + 1n) * (x + 1n) <= n) x++;
        return R.int(x);
      });
      fn("gcd", (_s, a) => {
        let g = 0n;
        for (const x of a) {
          let y = R.bigValue(x);
          if (y < 0n) y = -y;
          while (y !== 0n) [g, y] = [y, g % y];
        }
        return R.int(g);
      });
      fn("factorial", (_s, a) => {
        let r = 1n;
        for (let i = 2n; i <= R.bigValue(a[0]!); i++) r *= i;
        return R.int(r);
      });
      fn("isnan", (_s, a) => R.bool(Number.isNaN(num(a[0]!))));
      fn("isinf", (_s, a) => R.bool(Math.abs(num(a[0]!)) === Infinity));
    },
    weakref: (_d, fn) => {
      fn("ref", (_s, a) => {
        const cb = a[1];
        let callback: ((wr: Address) => void) | undefined;
        if (cb !== undefined && cb !== R.None) {
          R.rc.incref(cb);
          callback = (wr) => {
            R.rc.incref(wr);
            try {
              R.rc.decref(R.call(cb, [wr], null));
            } catch (e) {
              R.unraisable(e, cb);
            }
          };
        }
        try {
          return R.core.weakrefs.create(a[0]!, callback ?? null);
        } catch {
          throw R.error("TypeError", `cannot create weak reference to '${R.typeName(a[0]!)}' object`);
        }
      });
      fn("getweakrefcount", (_s, a) => R.int(R.core.weakrefs.count(a[0]!)));
      fn("getweakrefs", (_s, a) => R.lists.create(R.core.weakrefs.weakrefsTo(a[0]!).map((x) => R.ref(x))));
    },
  };
  const def = defs[name];
  if (def === undefined) return NULL;
  const [m, d] = newModule(R, name);
  def(d, (n, impl) => {
    const index = native(R, n, impl);
    const f = R.boundNative(index, NULL);
    R.slot.builtin_function!.setRef(f, 1, R.str(name));
    R.storeName(d, n, f);
  });
  return m;
}
