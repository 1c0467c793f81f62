/**
 * `pymem repl`: an interactive Python prompt like `python3 -i`, on one composition: `>>> `
 * and `... ` prompts, a block ends at an empty line, expression values are echoed, Ctrl-C
 * abandons the input with `KeyboardInterrupt`, Ctrl-D or `exit()`/`sys.exit(n)` ends it.
 *
 * @module
 */
import { createInterface } from "node:readline";
import { PythonSession } from "@pymem/python";
import { createRuntime } from "@pymem/runtime";
import type { Command } from "commander";
import { addCompositionOptions, compositionFromOptions, describeComposition } from "../composition";
import type { CliIo } from "../io";
import { runtimeOptions } from "../memory-stack";

/** Whether `text` needs more lines: an open block, an open bracket or a trailing backslash. */
function incomplete(text: string, lastLine: string): boolean {
  const lines = text.split("\n");
  if (lines.length > 1 && lastLine.trim() !== "") return true;
  if (/:\s*(#.*)?$/.test(lastLine) || /\\$/.test(lastLine)) return true;
  let depth = 0;
  for (const c of text.replace(/(['"]).*?\1/g, "")) {
    if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") depth--;
  }
  return depth > 0;
}

/** Registers `pymem repl` on the program. */
export function registerReplCommand(program: Command, io: CliIo): void {
  const command = program
    .command("repl")
    .summary("an interactive Python prompt whose objects live in the pymem heap")
    .description(
      "Read Python statements and run them on a composition of the memory manager, like python3 -i.",
    );
  addCompositionOptions(command);
  command.action((options: Record<string, unknown>) => {
    const composition = compositionFromOptions(options);
    const session = new PythonSession({
      runtime: createRuntime(runtimeOptions(composition)),
      stdout: (text) => io.stdout.write(text),
      stderr: (text) => io.stderr.write(text),
    });
    io.stdout.write(
      `Python 3.11 on pymem (${describeComposition(composition)})\nType exit() or Ctrl-D to leave.\n`,
    );
    const rl = createInterface({ input: process.stdin, output: io.stdout, prompt: ">>> " });
    let buffer = "";
    rl.on("line", (line) => {
      buffer = buffer === "" ? line : `${buffer}\n${line}`;
      if (incomplete(buffer, line)) {
        rl.setPrompt("... ");
        rl.prompt();
        return;
      }
      const source = `${buffer}\n`;
      buffer = "";
      rl.setPrompt(">>> ");
      const status = source.trim() === "" ? null : session.run(source);
      if (status !== null) {
        process.exitCode = status;
        rl.close();
        return;
      }
      rl.prompt();
    });
    rl.on("SIGINT", () => {
      io.stdout.write("\nKeyboardInterrupt\n");
      buffer = "";
      rl.setPrompt(">>> ");
      rl.prompt();
    });
    rl.on("close", () => io.stdout.write("\n"));
    rl.prompt();
  });
}
