/**
 * Plugins: JavaScript modules that register strategies before the command line is parsed,
 * so that their names are choices of `--raw`, `--allocator` and `--gc` like the built-in ones.
 *
 * ```
 *  pymem run churn --plugin ./buddy.mjs --raw buddy
 *
 *  argv ──scan──► --plugin FILE (each, in order) ──import()──► default export (api) => { ... }
 *                                                                   api.registerStrategy("raw", "buddy", factory)
 *       ──► commander parses argv (the registry's names are the choices) ──► the command runs
 * ```
 *
 * A plugin module's default export (or its export `register`) is a function called with
 * {@link PluginApi}: the registry functions, and the @pymem packages the command is built
 * from — a plugin imports nothing from @pymem itself, so it works wherever the command is
 * installed and registers into the very registry the command reads.
 *
 * @module
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import * as core from "@pymem/core";
import * as pymalloc from "@pymem/pymalloc";
import * as rawAllocator from "@pymem/raw-allocator";
import * as runtime from "@pymem/runtime";
import { UsageError } from "./cli-error";

/** What a plugin's register function receives. */
export interface PluginApi {
  /** Registers a strategy by name (`@pymem/runtime`'s `registerStrategy`). */
  readonly registerStrategy: typeof runtime.registerStrategy;
  /** Names registered in a slot. */
  readonly strategyNames: typeof runtime.strategyNames;
  /** `@pymem/core`: interfaces' helpers, errors, heaps. */
  readonly core: typeof core;
  /** `@pymem/raw-allocator`: page providers and raw allocators. */
  readonly rawAllocator: typeof rawAllocator;
  /** `@pymem/pymalloc`. */
  readonly pymalloc: typeof pymalloc;
  /** `@pymem/runtime`. */
  readonly runtime: typeof runtime;
}

/** The option that names a plugin. */
export const PLUGIN_OPTION = "--plugin";

/**
 * The plugin files named on a command line (`--plugin FILE` or `--plugin=FILE`), in order.
 * Arguments after `--` are not options and are skipped.
 */
export function pluginPaths(args: readonly string[]): string[] {
  const paths: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--") break;
    if (arg === PLUGIN_OPTION && i + 1 < args.length) paths.push(args[++i]!);
    else if (arg.startsWith(`${PLUGIN_OPTION}=`)) paths.push(arg.slice(PLUGIN_OPTION.length + 1));
  }
  return paths;
}

const API: PluginApi = {
  registerStrategy: runtime.registerStrategy,
  strategyNames: runtime.strategyNames,
  core,
  rawAllocator,
  pymalloc,
  runtime,
};

/**
 * Imports each plugin (relative paths from `cwd`) and calls its register function.
 * @throws UsageError naming the file when it cannot be imported, exports no function, or its
 * function throws
 */
export async function loadPlugins(paths: readonly string[], cwd: string = process.cwd()): Promise<void> {
  for (const path of paths) {
    let module: { default?: unknown; register?: unknown };
    try {
      module = (await import(pathToFileURL(resolve(cwd, path)).href)) as typeof module;
    } catch (error) {
      throw new UsageError(`cannot load plugin ${path}: ${messageOf(error)}`);
    }
    const register = typeof module.default === "function" ? module.default : module.register;
    if (typeof register !== "function") {
      throw new UsageError(
        `plugin ${path} exports no register function (export default (api) => { api.registerStrategy(...) })`,
      );
    }
    try {
      await register(API);
    } catch (error) {
      throw new UsageError(`plugin ${path} failed to register: ${messageOf(error)}`);
    }
  }
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0]!;
}
