// Preloaded into every documentation block run (node --import): records each runtime that hands
// out an owned handle, and at exit prints how many owned handles a runtime still held when it was
// closed (or at exit, when never closed) — an example must release what it takes.
import { Runtime, RuntimeCore } from "@pymem/runtime";

const seen = new Set<RuntimeCore>();
const leakedAtClose = new Map<RuntimeCore, number>();

const own = RuntimeCore.prototype.own;
RuntimeCore.prototype.own = function (this: RuntimeCore, obj) {
  seen.add(this);
  return own.call(this, obj);
};

const close = Runtime.prototype.close;
Runtime.prototype.close = function (this: Runtime) {
  if (!this.core.closed) leakedAtClose.set(this.core, this.core.handles.live);
  close.call(this);
};

process.on("exit", () => {
  let total = 0;
  for (const core of seen) total += leakedAtClose.get(core) ?? (core.closed ? 0 : core.handles.live);
  if (total > 0) {
    process.stderr.write(`handle leak: ${total} owned handle(s) never released\n`);
    process.exitCode = 3;
  }
});
