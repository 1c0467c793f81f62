/**
 * The compiler: @lezer/python's syntax tree → JavaScript source over heap addresses, one
 * JS function per code object (module, function, lambda, comprehension, class body),
 * instantiated once with `new Function`. A Python generator function becomes a JS
 * generator function.
 *
 * ```
 *  def f(a):              function c1(fn, v_a) {            // v_a owns the argument
 *      b = a + 1            let v_b = 0, L = 2; ...depth check...
 *      return b             try { L = 2; const t0 = R.ops.binary("+", v_a, k0);
 *                                 { const o = v_b; v_b = t0; if (o) RC.decref(o); }
 *                                 L = 3; RC.incref(v_b); return v_b;
 *                           } catch (e) { throw R.traceback(e, 1, L); }
 *                           finally { R.depth--; if (v_a) RC.decref(v_a); if (v_b) RC.decref(v_b); }
 *                         }
 * ```
 *
 * Reference discipline follows CPython's evaluation stack: every expression yields either a
 * borrowed value (a fast local, a constant) or a new reference held in a temporary that is
 * released once used; a local slot holds one reference; a call's arguments are new
 * references the callee takes over.
 *
 * @module
 */
import type { SyntaxNode } from "@lezer/common";
import type { CodeInfo, Interpreter } from "../interp/interpreter";
import { type LineMap, syntaxErrorAt } from "../parse/parse";
import { analyzeScopes, type Scope } from "./scope";
import { decodeStringLiteral } from "./strings";

/** A value of a compiled expression: a JS expression and whether it is a new reference. */
interface Val {
  readonly js: string;
  readonly owned: boolean;
}

interface Loop {
  readonly label: string;
}

/** Per-code-object state while generating. */
class CodeGen {
  readonly lines: string[] = [];
  private temps = 0;
  readonly scope: Scope;
  readonly loops: Loop[] = [];
  readonly isGenerator: boolean;
  readonly kind: "module" | "function" | "class";

  constructor(scope: Scope, kind: "module" | "function" | "class") {
    this.scope = scope;
    this.kind = kind;
    this.isGenerator = scope.generator;
  }

  temp(): string {
    return `t${this.temps++}`;
  }

  emit(line: string): void {
    this.lines.push(line);
  }
}

const COMPARE_OPS = new Set(["<", ">", "<=", ">=", "==", "!="]);
/** The operator methods compiled comparisons call. */
const COMPARE_FAST: Record<string, string> = {
  "<": "lt",
  "<=": "le",
  ">": "gt",
  ">=": "ge",
  "==": "eq",
  "!=": "ne",
};

/** Compiles a parsed module into code objects registered with `R`; returns the module code's index. */
export class Compiler {
  private readonly R: Interpreter;
  private readonly source: string;
  private readonly filename: string;
  private readonly lines: LineMap;
  private readonly consts: unknown[] = [];
  private readonly constIndex = new Map<string, number>();
  private readonly functions: string[] = [];
  private codeIndex: number[] = [];
  private scopes!: Scope;
  private qualnames: string[] = [];

  constructor(R: Interpreter, source: string, filename: string, lines: LineMap) {
    this.R = R;
    this.source = source;
    this.filename = filename;
    this.lines = lines;
  }

  private text(node: SyntaxNode): string {
    return this.source.slice(node.from, node.to);
  }

  private lineOf(node: SyntaxNode): number {
    return this.lines.line(node.from);
  }

  private unsupported(node: SyntaxNode, what: string): never {
    throw syntaxErrorAt(this.lines, this.filename, node.from, `${what} is not supported by pymem`);
  }

  private children(node: SyntaxNode): SyntaxNode[] {
    const out: SyntaxNode[] = [];
    for (let c = node.firstChild; c !== null; c = c.nextSibling) out.push(c);
    return out;
  }

  /** A constant (int, float, str, bytes) as a held heap object; returns its JS name. */
  private constant(kind: string, value: unknown): string {
    const key = `${kind}:${typeof value === "bigint" ? `${value}n` : String(value)}:${kind === "float" && Object.is(value, -0) ? "-0" : ""}`;
    let i = this.constIndex.get(key);
    if (i === undefined) {
      const R = this.R;
      let obj: number;
      if (kind === "int") obj = R.int(value as number | bigint);
      else if (kind === "float") obj = R.float(value as number);
      else if (kind === "str") obj = R.strConst(value as string);
      else obj = R.core.bytesType.create(value as Uint8Array);
      i = this.consts.length;
      this.consts.push(obj);
      this.constIndex.set(key, i);
    }
    return `K[${i}]`;
  }

  /** Compiles the module; returns its code index. */
  compileModule(top: SyntaxNode): number {
    this.scopes = analyzeScopes(top, (n) => this.text(n));
    const g = new CodeGen(this.scopes, "module");
    this.statements(this.children(top), g);
    const index = this.registerCode(g, "<module>", "<module>", 1, [], [], null, null, null, top);
    const R = this.R;
    const codes = this.codeIndex;
    const sites = Array.from({ length: this.sites }, () => ({
      dict: 0,
      version: 0,
      builtinsVersion: 0,
      value: 0,
    }));
    if (typeof process !== "undefined" && process.env?.PYMEM_DUMP) console.error(this.functions.join("\n"));
    const factory = new Function(
      "R",
      "RC",
      "K",
      "CODES",
      "PyThrow",
      "S",
      `"use strict";\n${this.functions.join("\n")}\nreturn [${codes.map((_, i) => `c${i}`).join(", ")}];`,
    );
    const fns = factory(R, R.rc, this.consts, R.codes, R.PyThrow, sites) as ((...a: number[]) => unknown)[];
    codes.forEach((codeIdx, i) => {
      R.codes[codeIdx]!.run = fns[i]!;
    });
    return index;
  }

  /** Registers a code object and emits its JS function; returns the interpreter's code index. */
  private registerCode(
    g: CodeGen,
    name: string,
    qualname: string,
    firstLine: number,
    params: string[],
    kwonly: string[],
    varargs: string | null,
    varkw: string | null,
    _cellParams: null,
    _node: SyntaxNode,
  ): number {
    const R = this.R;
    const local = this.codeIndex.length;
    const code: CodeInfo = {
      name,
      qualname,
      filename: this.filename,
      firstLine,
      params,
      kwonly,
      varargs,
      varkw,
      generator: g.isGenerator,
      frameSize: g.scope.bound.size + g.scope.free.length,
      fastArgc:
        varargs === null && varkw === null && kwonly.length === 0 && !g.isGenerator ? params.length : -1,
      run: () => 0,
    };
    const index = R.addCode(code);
    this.codeIndex.push(index);
    const scope = g.scope;
    const allParams = [
      ...params,
      ...kwonly,
      ...(varargs !== null ? [varargs] : []),
      ...(varkw !== null ? [varkw] : []),
    ];
    const head: string[] = [];
    let signature: string;
    if (g.kind === "module") signature = "G";
    else if (g.kind === "class") signature = "G, ns, CL";
    else signature = ["fn", ...allParams.map((_, i) => `p${i}`)].join(", ");
    if (g.kind === "function") {
      head.push("const G = R.globalsOf(fn);");
      const localNames = [...scope.bound].filter((n) => scope.isLocal(n) && !scope.cells.has(n));
      const decl = localNames.map((n) => {
        const pi = allParams.indexOf(n);
        return `v_${safe(n)} = ${pi >= 0 ? `p${pi}` : "0"}`;
      });
      if (decl.length > 0) head.push(`let ${decl.join(", ")};`);
      for (const n of scope.cells) {
        const pi = allParams.indexOf(n);
        head.push(`const c_${safe(n)} = R.makeCell(${pi >= 0 ? `p${pi}` : "0"});`);
      }
      scope.free.forEach((n, i) => {
        head.push(`const f_${safe(n)} = R.closureCell(fn, ${i});`);
      });
    } else if (g.kind === "class") {
      scope.free.forEach((n, i) => {
        head.push(`const f_${safe(n)} = R.tuples.item(CL, ${i});`);
      });
    }
    head.push(`let L = ${firstLine};`);
    const cleanup: string[] = [];
    if (g.kind === "function") {
      for (const n of [...scope.bound].filter((x) => scope.isLocal(x) && !scope.cells.has(x)))
        cleanup.push(`if (v_${safe(n)} !== 0) RC.decref(v_${safe(n)});`);
      for (const n of scope.cells) cleanup.push(`RC.decref(c_${safe(n)});`);
    }
    const depthIn = g.kind === "function" && !g.isGenerator;
    const body = g.lines.join("\n").replace(/CODE_SELF/g, String(index));
    const fnKeyword = g.isGenerator ? "function*" : "function";
    const ret = g.kind === "class" ? "return;" : "return R.None;";
    const src = `${fnKeyword} c${local}(${signature}) {
${head.join("\n")}
${depthIn ? `if (++R.depth > R.limit) { R.depth--; ${cleanup.join(" ")} throw R.traceback(R.error("RecursionError", "maximum recursion depth exceeded"), ${index}, L); }` : ""}
try {
${body}
${ret}
} catch (e) { throw R.traceback(e, ${index}, L); }
finally { ${depthIn ? "R.depth--;" : ""} ${cleanup.join(" ")} }
}`;
    this.functions.push(src);
    return index;
  }

  // --- statements ------------------------------------------------------------------------------

  private statements(nodes: SyntaxNode[], g: CodeGen): void {
    for (const n of nodes) this.statement(n, g);
  }

  private body(node: SyntaxNode, g: CodeGen): void {
    this.statements(
      this.children(node).filter((c) => c.name !== ":"),
      g,
    );
  }

  private statement(node: SyntaxNode, g: CodeGen): void {
    const name = node.name;
    if (name === "Comment" || name === ":" || name === "newline" || name === ";") return;
    if (name === "StatementGroup") {
      this.statements(this.children(node), g);
      return;
    }
    g.emit(`L = ${this.lineOf(node)};`);
    switch (name) {
      case "ExpressionStatement": {
        const v = this.expr(node.firstChild!, g);
        this.release(v, g);
        return;
      }
      case "AssignStatement":
        this.assign(node, g);
        return;
      case "UpdateStatement":
        this.augAssign(node, g);
        return;
      case "PassStatement":
        return;
      case "IfStatement":
        this.ifStatement(node, g);
        return;
      case "WhileStatement":
        this.whileStatement(node, g);
        return;
      case "ForStatement":
        this.forStatement(node, g);
        return;
      case "BreakStatement":
        if (g.loops.length === 0)
          throw syntaxErrorAt(this.lines, this.filename, node.from, "'break' outside loop");
        g.emit(`break ${g.loops[g.loops.length - 1]!.label};`);
        return;
      case "ContinueStatement":
        if (g.loops.length === 0)
          throw syntaxErrorAt(this.lines, this.filename, node.from, "'continue' not properly in loop");
        g.emit(`continue ${g.loops[g.loops.length - 1]!.label};`);
        return;
      case "ReturnStatement": {
        if (g.kind !== "function")
          throw syntaxErrorAt(this.lines, this.filename, node.from, "'return' outside function");
        const values = this.children(node).slice(1);
        if (values.length === 0) g.emit("return R.None;");
        else g.emit(`return ${this.newRef(this.tupleOrSingle(values, g), g)};`);
        return;
      }
      case "FunctionDefinition":
        this.functionDef(node, g, []);
        return;
      case "ClassDefinition":
        this.classDef(node, g, []);
        return;
      case "DecoratedStatement":
        this.decorated(node, g);
        return;
      case "TryStatement":
        this.tryStatement(node, g);
        return;
      case "RaiseStatement":
        this.raiseStatement(node, g);
        return;
      case "WithStatement":
        this.withStatement(node, g);
        return;
      case "AssertStatement": {
        const parts = this.children(node).filter((c) => c.name !== "assert" && c.name !== ",");
        const c = this.cond(parts[0]!, g);
        g.emit(`if (!(${c})) {`);
        if (parts[1] !== undefined) {
          const m = this.newRef(this.expr(parts[1], g), g);
          g.emit(`throw R.raise(R.callClass(R.exc.AssertionError, [${m}], null), 0);`);
        } else g.emit("throw R.raise(R.callClass(R.exc.AssertionError, [], null), 0);");
        g.emit("}");
        return;
      }
      case "DeleteStatement":
        for (const c of this.children(node)) if (c.name !== "del" && c.name !== ",") this.deleteTarget(c, g);
        return;
      case "ScopeStatement":
        return;
      case "ImportStatement":
        this.importStatement(node, g);
        return;
      case "YieldStatement": {
        const v = this.yieldExpr(node, g);
        this.release(v, g);
        return;
      }
      case "PrintStatement":
        this.unsupported(node, "the print statement");
        return;
      case "MatchStatement":
        this.unsupported(node, "match");
        return;
      default:
        this.unsupported(node, name);
        return;
    }
  }

  private assign(node: SyntaxNode, g: CodeGen): void {
    const parts = this.children(node);
    if (parts.some((p) => p.name === "TypeDef")) {
      // Annotated assignment: `x: int = 1` (the annotation is not evaluated into __annotations__).
      const target = parts[0]!;
      const eq = parts.findIndex((p) => p.name === "AssignOp");
      if (eq < 0) return;
      const v = this.newRef(this.expr(parts[eq + 1]!, g), g);
      this.store(target, v, g);
      return;
    }
    // Split into groups separated by AssignOp; a group is a target list or the value.
    const groups: SyntaxNode[][] = [[]];
    for (const p of parts) {
      if (p.name === "AssignOp") groups.push([]);
      else groups[groups.length - 1]!.push(p);
    }
    const valueGroup = groups.pop()!;
    const value = this.tupleOrSingle(valueGroup, g);
    const v = this.newRef(value, g);
    if (groups.length === 1) {
      this.storeGroup(groups[0]!, v, g);
      return;
    }
    for (let i = 0; i < groups.length; i++) {
      if (i < groups.length - 1) g.emit(`RC.incref(${v});`);
      this.storeGroup(groups[i]!, v, g);
    }
  }

  /** A comma-separated expression group: one value, or a tuple of them. */
  private tupleOrSingle(group: SyntaxNode[], g: CodeGen): Val {
    const items = group.filter((c) => c.name !== ",");
    if (items.length === 1 && group.length === 1) return this.expr(items[0]!, g);
    return this.sequenceDisplay(items, "tuple", g);
  }

  private storeGroup(group: SyntaxNode[], value: string, g: CodeGen): void {
    const items = group.filter((c) => c.name !== ",");
    if (items.length === 1 && group.length === 1) this.store(items[0]!, value, g);
    else this.storeUnpack(items, value, g);
  }

  private storeUnpack(items: SyntaxNode[], value: string, g: CodeGen): void {
    const star = items.findIndex((c) => c.name === "*");
    const targets: SyntaxNode[] = [];
    let starIndex = -1;
    for (let i = 0; i < items.length; i++) {
      if (items[i]!.name === "*") {
        starIndex = targets.length;
        continue;
      }
      targets.push(items[i]!);
    }
    void star;
    const arr = g.temp();
    if (starIndex >= 0)
      g.emit(
        `const ${arr} = R.unpackStar(${value}, ${starIndex}, ${targets.length - starIndex - 1}); RC.decref(${value});`,
      );
    else g.emit(`const ${arr} = R.unpack(${value}, ${targets.length}); RC.decref(${value});`);
    targets.forEach((t, i) => {
      this.store(t, `${arr}[${i}]`, g);
    });
  }

  /** Stores a new reference `value` into target `node`. */
  private store(node: SyntaxNode, value: string, g: CodeGen): void {
    switch (node.name) {
      case "VariableName":
        this.storeName(this.text(node), value, g);
        return;
      case "MemberExpression": {
        const kids = this.children(node);
        const obj = this.expr(kids[0]!, g);
        if (kids[1]!.name === ".") {
          g.emit(`R.setattr(${obj.js}, ${JSON.stringify(this.text(kids[2]!))}, ${value});`);
        } else {
          const key = this.subscriptKey(kids.slice(1), g);
          g.emit(`R.subs.setitem(${obj.js}, ${key.js}, ${value});`);
          this.release(key, g);
        }
        this.release(obj, g);
        return;
      }
      case "TupleExpression":
      case "ArrayExpression":
      case "ParenthesizedExpression": {
        const inner = this.children(node).filter((c) => !["(", ")", "[", "]", ","].includes(c.name));
        if (node.name === "ParenthesizedExpression" && inner.length === 1) this.store(inner[0]!, value, g);
        else this.storeUnpack(inner, value, g);
        return;
      }
      default:
        throw syntaxErrorAt(this.lines, this.filename, node.from, `cannot assign to ${describe(node.name)}`);
    }
  }

  private storeName(name: string, value: string, g: CodeGen): void {
    const how = g.scope.resolve(name);
    const s = safe(name);
    if (how === "local") g.emit(`{ const o = v_${s}; v_${s} = ${value}; if (o !== 0) RC.decref(o); }`);
    else if (how === "cell") g.emit(`R.cellSet(c_${s}, ${value});`);
    else if (how === "free") g.emit(`R.cellSet(f_${s}, ${value});`);
    else if (how === "name") g.emit(`R.storeName(ns, ${JSON.stringify(name)}, ${value});`);
    else g.emit(`R.storeName(G, ${JSON.stringify(name)}, ${value});`);
  }

  private deleteTarget(node: SyntaxNode, g: CodeGen): void {
    if (node.name === "VariableName") {
      const name = this.text(node);
      const how = g.scope.resolve(name);
      const s = safe(name);
      if (how === "local") {
        g.emit(
          `if (v_${s} === 0) throw R.unboundLocal(${JSON.stringify(name)}); { const o = v_${s}; v_${s} = 0; RC.decref(o); }`,
        );
      } else if (how === "cell" || how === "free")
        g.emit(`R.cellDelete(${how === "cell" ? "c" : "f"}_${s}, ${JSON.stringify(name)});`);
      else g.emit(`R.deleteName(${how === "name" ? "ns" : "G"}, ${JSON.stringify(name)});`);
      return;
    }
    if (node.name === "MemberExpression") {
      const kids = this.children(node);
      const obj = this.expr(kids[0]!, g);
      if (kids[1]!.name === ".") g.emit(`R.delattr(${obj.js}, ${JSON.stringify(this.text(kids[2]!))});`);
      else {
        const key = this.subscriptKey(kids.slice(1), g);
        g.emit(`R.subs.delitem(${obj.js}, ${key.js});`);
        this.release(key, g);
      }
      this.release(obj, g);
      return;
    }
    if (
      node.name === "TupleExpression" ||
      node.name === "ParenthesizedExpression" ||
      node.name === "ArrayExpression"
    ) {
      for (const c of this.children(node))
        if (!["(", ")", "[", "]", ","].includes(c.name)) this.deleteTarget(c, g);
      return;
    }
    throw syntaxErrorAt(this.lines, this.filename, node.from, `cannot delete ${describe(node.name)}`);
  }

  private augAssign(node: SyntaxNode, g: CodeGen): void {
    const [target, opNode, valueNode] = this.children(node) as [SyntaxNode, SyntaxNode, SyntaxNode];
    const op = this.text(opNode).slice(0, -1);
    if (target.name === "VariableName") {
      const cur = this.expr(target, g);
      const v = this.expr(valueNode, g);
      const r = g.temp();
      g.emit(`const ${r} = R.ops.binary(${JSON.stringify(op)}, ${cur.js}, ${v.js}, true);`);
      this.release(cur, g);
      this.release(v, g);
      this.storeName(this.text(target), r, g);
      return;
    }
    if (target.name === "MemberExpression") {
      const kids = this.children(target);
      const obj = this.expr(kids[0]!, g);
      if (kids[1]!.name === ".") {
        const attr = JSON.stringify(this.text(kids[2]!));
        const cur = g.temp();
        g.emit(`const ${cur} = R.getattr(${obj.js}, ${attr});`);
        const v = this.expr(valueNode, g);
        const r = g.temp();
        g.emit(`const ${r} = R.ops.binary(${JSON.stringify(op)}, ${cur}, ${v.js}, true); RC.decref(${cur});`);
        this.release(v, g);
        g.emit(`R.setattr(${obj.js}, ${attr}, ${r});`);
      } else {
        const key = this.newRefVal(this.subscriptKey(kids.slice(1), g), g);
        const cur = g.temp();
        g.emit(`const ${cur} = R.subs.getitem(${obj.js}, ${key});`);
        const v = this.expr(valueNode, g);
        const r = g.temp();
        g.emit(`const ${r} = R.ops.binary(${JSON.stringify(op)}, ${cur}, ${v.js}, true); RC.decref(${cur});`);
        this.release(v, g);
        g.emit(`R.subs.setitem(${obj.js}, ${key}, ${r}); RC.decref(${key});`);
      }
      this.release(obj, g);
      return;
    }
    throw syntaxErrorAt(
      this.lines,
      this.filename,
      target.from,
      "'expression' is an illegal expression for augmented assignment",
    );
  }

  private ifStatement(node: SyntaxNode, g: CodeGen): void {
    const kids = this.children(node);
    let i = 0;
    let opened = 0;
    while (i < kids.length) {
      const k = kids[i]!;
      if (k.name === "if" || k.name === "elif") {
        const c = this.cond(kids[i + 1]!, g);
        g.emit(`if (${c}) {`);
        this.body(kids[i + 2]!, g);
        g.emit("} else {");
        opened++;
        i += 3;
      } else if (k.name === "else") {
        this.body(kids[i + 1]!, g);
        i += 2;
      } else i++;
    }
    g.emit("}".repeat(opened));
  }

  private whileStatement(node: SyntaxNode, g: CodeGen): void {
    const kids = this.children(node);
    const label = `w${g.temp()}`;
    const hasElse = kids.some((k) => k.name === "else");
    const flag = g.temp();
    if (hasElse) g.emit(`let ${flag} = true;`);
    g.emit(`${label}: for (;;) {`);
    const c = this.cond(kids[1]!, g);
    g.emit(`if (!(${c})) break;`);
    if (hasElse) g.emit(`${flag} = false;`);
    g.loops.push({ label });
    this.body(kids[2]!, g);
    g.loops.pop();
    if (hasElse) g.emit(`${flag} = true;`);
    g.emit("}");
    if (hasElse) {
      g.emit(`if (${flag}) {`);
      this.body(kids[kids.length - 1]!, g);
      g.emit("}");
    }
  }

  private forStatement(node: SyntaxNode, g: CodeGen): void {
    const kids = this.children(node);
    const inAt = kids.findIndex((k) => k.name === "in");
    const targets = kids.slice(1, inAt);
    const iterNodes: SyntaxNode[] = [];
    let j = inAt + 1;
    while (kids[j]!.name !== "Body") iterNodes.push(kids[j++]!);
    const bodyNode = kids[j]!;
    const elseBody = kids[j + 1]?.name === "else" ? kids[j + 2]! : null;
    const iterable = this.tupleOrSingle(iterNodes, g);
    const it = g.temp();
    g.emit(`const ${it} = R.iter(${iterable.js});`);
    this.release(iterable, g);
    const label = `f${it}`;
    const flag = g.temp();
    if (elseBody !== null) g.emit(`let ${flag} = false;`);
    g.emit(`try { ${label}: for (;;) {`);
    const v = g.temp();
    g.emit(
      `const ${v} = R.next(${it}); if (${v} === 0) { ${elseBody !== null ? `${flag} = true; ` : ""}break; }`,
    );
    this.storeGroup(targets, v, g);
    g.loops.push({ label });
    this.body(bodyNode, g);
    g.loops.pop();
    g.emit(`} } finally { RC.decref(${it}); }`);
    if (elseBody !== null) {
      g.emit(`if (${flag}) {`);
      this.body(elseBody, g);
      g.emit("}");
    }
  }

  private tryStatement(node: SyntaxNode, g: CodeGen): void {
    const kids = this.children(node);
    const tryBody = kids[1]!;
    const handlers: { types: SyntaxNode | null; name: string | null; body: SyntaxNode }[] = [];
    let elseBody: SyntaxNode | null = null;
    let finallyBody: SyntaxNode | null = null;
    for (let i = 2; i < kids.length; i++) {
      const k = kids[i]!;
      if (k.name === "except") {
        let types: SyntaxNode | null = null;
        let name: string | null = null;
        let n = i + 1;
        if (kids[n]!.name !== "Body") {
          types = kids[n]!;
          n++;
          if (kids[n]!.name === "as") {
            name = this.text(kids[n + 1]!);
            n += 2;
          }
        }
        handlers.push({ types, name, body: kids[n]! });
        i = n;
      } else if (k.name === "else") {
        elseBody = kids[i + 1]!;
        i++;
      } else if (k.name === "finally") {
        finallyBody = kids[i + 1]!;
        i++;
      }
    }
    const declAt = g.lines.length;
    if (finallyBody !== null) g.emit("try {");
    const ok = g.temp();
    if (elseBody !== null) g.emit(`let ${ok} = false;`);
    if (handlers.length > 0) {
      g.emit("try {");
      this.body(tryBody, g);
      if (elseBody !== null) g.emit(`${ok} = true;`);
      const e = g.temp();
      const ex = g.temp();
      const handled = g.temp();
      g.emit(
        `} catch (${e}) { const ${ex} = R.caught(${e}, ${this.currentCode()}, L); let ${handled} = false;`,
      );
      for (const h of handlers) {
        g.emit(`if (!${handled}) {`);
        if (h.types !== null) {
          const t = this.expr(h.types, g);
          const m = g.temp();
          g.emit(`const ${m} = R.matches(${ex}.exc, ${t.js});`);
          this.release(t, g);
          g.emit(`if (${m}) { ${handled} = true;`);
        } else g.emit(`{ ${handled} = true;`);
        g.emit(`R.handling.push(${ex}.exc); try {`);
        if (h.name !== null) {
          g.emit(`RC.incref(${ex}.exc);`);
          this.storeName(h.name, `${ex}.exc`, g);
        }
        this.body(h.body, g);
        g.emit(`} finally { R.handling.pop(); RC.decref(${ex}.exc);`);
        if (h.name !== null) this.clearName(h.name, g);
        g.emit("} } }");
      }
      g.emit(`if (!${handled}) throw ${ex};`);
      g.emit("}");
    } else {
      this.body(tryBody, g);
      if (elseBody !== null) g.emit(`${ok} = true;`);
    }
    if (elseBody !== null) {
      g.emit(`if (${ok}) {`);
      this.body(elseBody, g);
      g.emit("}");
    }
    if (finallyBody !== null) {
      const e = g.temp();
      const pending = g.temp();
      g.emit(`} catch (${e}) { ${pending} = R.caught(${e}, ${this.currentCode()}, L); } finally {`);
      g.emit(`if (${pending} !== null) R.handling.push(${pending}.exc); try {`);
      this.body(finallyBody, g);
      g.emit(`} finally { if (${pending} !== null) R.handling.pop(); }`);
      g.emit(`if (${pending} !== null) throw ${pending}; }`);
      g.lines.splice(declAt, 0, `let ${pending} = null;`);
    }
  }

  /** `except E as name`: the name is deleted at the end of the handler. */
  private clearName(name: string, g: CodeGen): void {
    const how = g.scope.resolve(name);
    const s = safe(name);
    if (how === "local") g.emit(`if (v_${s} !== 0) { const o = v_${s}; v_${s} = 0; RC.decref(o); }`);
    else if (how === "cell" || how === "free") g.emit(`R.cellSet(${how === "cell" ? "c" : "f"}_${s}, 0);`);
    else g.emit(`R.deleteNameQuiet(${how === "name" ? "ns" : "G"}, ${JSON.stringify(name)});`);
  }

  private codeStack: number[] = [];
  /** Global load sites (each gets a cache object). */
  private sites = 0;

  /** Index the current code object will get (codes are registered after their bodies). */
  private currentCode(): string {
    return "CODE_SELF";
  }

  private raiseStatement(node: SyntaxNode, g: CodeGen): void {
    const kids = this.children(node).filter((c) => c.name !== "raise");
    if (kids.length === 0) {
      g.emit("throw R.reraise();");
      return;
    }
    const fromAt = kids.findIndex((c) => c.name === "from");
    const exc = this.newRef(this.expr(kids[0]!, g), g);
    const cause = fromAt >= 0 ? this.newRef(this.expr(kids[fromAt + 1]!, g), g) : "0";
    g.emit(`throw R.raise(${exc}, ${cause});`);
  }

  private withStatement(node: SyntaxNode, g: CodeGen): void {
    const kids = this.children(node);
    const bodyNode = kids[kids.length - 1]!;
    const items: { expr: SyntaxNode; target: SyntaxNode | null }[] = [];
    for (let i = 1; i < kids.length - 1; i++) {
      const k = kids[i]!;
      if (k.name === ",") continue;
      if (kids[i + 1]?.name === "as") {
        items.push({ expr: k, target: kids[i + 2]! });
        i += 2;
      } else items.push({ expr: k, target: null });
    }
    const open = (index: number): void => {
      if (index >= items.length) {
        this.body(bodyNode, g);
        return;
      }
      const item = items[index]!;
      const mgr = this.newRef(this.expr(item.expr, g), g);
      const exit = g.temp();
      g.emit(`const ${exit} = R.getattr(${mgr}, "__exit__");`);
      const entered = g.temp();
      g.emit(`const ${entered} = R.callMethod(${mgr}, "__enter__", [], null);`);
      if (item.target !== null) this.store(item.target, entered, g);
      else g.emit(`RC.decref(${entered});`);
      const ok = g.temp();
      const e = g.temp();
      const ex = g.temp();
      g.emit(`let ${ok} = true; try {`);
      open(index + 1);
      g.emit(
        `} catch (${e}) { ${ok} = false; const ${ex} = R.caught(${e}, ${this.currentCode()}, L); if (!R.withExit(${exit}, ${ex}.exc)) throw ${ex}; RC.decref(${ex}.exc); }`,
      );
      g.emit(`finally { if (${ok}) R.withExit(${exit}, 0); RC.decref(${exit}); RC.decref(${mgr}); }`);
    };
    open(0);
  }

  private importStatement(node: SyntaxNode, g: CodeGen): void {
    const kids = this.children(node);
    if (kids[0]!.name === "from") {
      const importAt = kids.findIndex((k) => k.name === "import");
      const modParts = kids.slice(1, importAt);
      if (modParts.some((p) => p.name === ".") && modParts[0]!.name === ".")
        this.unsupported(node, "relative import");
      const modName = modParts.map((p) => this.text(p)).join("");
      const m = g.temp();
      g.emit(`const ${m} = R.importModule(${JSON.stringify(modName)});`);
      const names = kids.slice(importAt + 1).filter((k) => !["(", ")", ","].includes(k.name));
      for (let i = 0; i < names.length; i++) {
        const n = names[i]!;
        if (n.name === "*") this.unsupported(n, "import *");
        let as = this.text(n);
        if (names[i + 1]?.name === "as") {
          as = this.text(names[i + 2]!);
          i += 2;
        }
        const v = g.temp();
        g.emit(`const ${v} = R.importFrom(${m}, ${JSON.stringify(this.text(n))});`);
        this.storeName(as, v, g);
      }
      g.emit(`RC.decref(${m});`);
      return;
    }
    const rest = kids.slice(1);
    let i = 0;
    while (i < rest.length) {
      const path: string[] = [];
      while (i < rest.length && rest[i]!.name !== "," && rest[i]!.name !== "as") {
        if (rest[i]!.name === "VariableName") path.push(this.text(rest[i]!));
        i++;
      }
      let as: string | null = null;
      if (rest[i]?.name === "as") {
        as = this.text(rest[i + 1]!);
        i += 2;
      }
      i++;
      const full = path.join(".");
      const m = g.temp();
      g.emit(`const ${m} = R.importModule(${JSON.stringify(as !== null ? full : path[0]!)});`);
      this.storeName(as ?? path[0]!, m, g);
    }
  }

  // --- definitions -----------------------------------------------------------------------------

  private decorated(node: SyntaxNode, g: CodeGen): void {
    const kids = this.children(node);
    const decorators: Val[] = [];
    for (const k of kids) {
      if (k.name === "Decorator") decorators.push(this.decoratorExpr(k, g));
    }
    const def = kids[kids.length - 1]!;
    if (def.name === "FunctionDefinition") this.functionDef(def, g, decorators);
    else this.classDef(def, g, decorators);
  }

  /** A decorator: a dotted name, optionally called (`@name`, `@a.b`, `@a.b(args)`), or any expression. */
  private decoratorExpr(node: SyntaxNode, g: CodeGen): Val {
    const parts = this.children(node).filter((c) => c.name !== "At");
    if (parts.length === 1) return this.expr(parts[0]!, g);
    let v = this.expr(parts[0]!, g);
    for (let i = 1; i < parts.length; i++) {
      const p = parts[i]!;
      if (p.name === ".") continue;
      if (p.name === "ArgList") {
        v = this.callWith(v, null, null, p, g);
        continue;
      }
      const next = this.owned(`R.getattr(${v.js}, ${JSON.stringify(this.text(p))})`, g);
      this.release(v, g);
      v = next;
    }
    return v;
  }

  private qualname(name: string, g: CodeGen): string {
    const prefix = this.qualnames.length > 0 ? `${this.qualnames.join(".")}.` : "";
    void g;
    return `${prefix}${name}`;
  }

  private functionDef(node: SyntaxNode, g: CodeGen, decorators: Val[]): void {
    const kids = this.children(node);
    if (kids[0]!.name === "async") this.unsupported(node, "async def");
    const nameNode = kids.find((k) => k.name === "VariableName")!;
    const name = this.text(nameNode);
    const params = kids.find((k) => k.name === "ParamList")!;
    const bodyNode = kids.find((k) => k.name === "Body")!;
    const scope = g.scope.children.get(node.from)!;
    const fn = this.makeFunction(
      name,
      this.qualname(name, g),
      params,
      scope,
      g,
      (inner) => this.body(bodyNode, inner),
      this.lineOf(node),
    );
    let value = fn;
    for (let i = decorators.length - 1; i >= 0; i--) {
      const d = decorators[i]!;
      const r = g.temp();
      g.emit(`const ${r} = R.call1(${d.js}, ${value});`);
      this.release(d, g);
      value = r;
    }
    this.storeName(name, value, g);
  }

  /**
   * Compiles a function-like code object and emits the creation of its function object;
   * returns the temp holding the new reference.
   */
  private makeFunction(
    name: string,
    qualname: string,
    paramList: SyntaxNode | null,
    scope: Scope,
    g: CodeGen,
    emitBody: (inner: CodeGen) => void,
    line: number,
    fixedParams: string[] = [],
  ): string {
    const params: string[] = [...fixedParams];
    const kwonly: string[] = [];
    let varargs: string | null = null;
    let varkw: string | null = null;
    const defaults: Val[] = [];
    const kwdefaults: [string, Val][] = [];
    if (paramList !== null) {
      const kids = this.children(paramList).filter((k) => !["(", ")", ","].includes(k.name));
      let mode: "pos" | "kwonly" = "pos";
      for (let i = 0; i < kids.length; i++) {
        const k = kids[i]!;
        if (k.name === "*") {
          const next = kids[i + 1];
          if (next?.name === "VariableName" && k.nextSibling?.name === "VariableName") {
            varargs = this.text(next);
            i++;
          }
          mode = "kwonly";
          continue;
        }
        if (k.name === "**") {
          varkw = this.text(kids[i + 1]!);
          i++;
          continue;
        }
        if (k.name === "/") continue;
        if (k.name === "TypeDef") continue;
        if (k.name === "VariableName") {
          const pname = this.text(k);
          if ([...params, ...kwonly].includes(pname))
            throw syntaxErrorAt(
              this.lines,
              this.filename,
              k.from,
              `duplicate argument '${pname}' in function definition`,
            );
          let j = i + 1;
          if (kids[j]?.name === "TypeDef") j++;
          let dflt: Val | null = null;
          if (kids[j]?.name === "AssignOp") {
            dflt = this.expr(kids[j + 1]!, g);
            j += 2;
          }
          i = j - 1;
          if (mode === "pos") {
            params.push(pname);
            if (dflt !== null) defaults.push(dflt);
            else if (defaults.length > 0)
              throw syntaxErrorAt(
                this.lines,
                this.filename,
                k.from,
                "non-default argument follows default argument",
              );
          } else {
            kwonly.push(pname);
            if (dflt !== null) kwdefaults.push([pname, dflt]);
          }
        }
      }
    }
    const inner = new CodeGen(scope, "function");
    this.qualnames.push(`${qualname.split(".").pop()}`);
    const saveQual = this.qualnames;
    this.qualnames = [...qualname.split("."), "<locals>"];
    this.codeStack.push(this.R.codes.length + this.pendingCodes);
    this.pendingCodes++;
    emitBody(inner);
    this.codeStack.pop();
    this.pendingCodes--;
    this.qualnames = saveQual;
    this.qualnames.pop();
    const codeIndex = this.registerCode(
      inner,
      name,
      qualname,
      line,
      params,
      kwonly,
      varargs,
      varkw,
      null,
      paramList ?? (null as unknown as SyntaxNode),
    );
    this.patchCode(codeIndex);
    let d = "0";
    if (defaults.length > 0) {
      d = g.temp();
      g.emit(`const ${d} = R.tuples.create([${defaults.map((v) => this.newRef(v, g)).join(", ")}]);`);
    }
    let kd = "0";
    if (kwdefaults.length > 0) {
      kd = g.temp();
      g.emit(`const ${kd} = R.dicts.create();`);
      for (const [n, v] of kwdefaults)
        g.emit(`R.storeName(${kd}, ${JSON.stringify(n)}, ${this.newRef(v, g)});`);
    }
    let closure = "0";
    if (scope.free.length > 0) {
      closure = g.temp();
      const cells = scope.free.map((n) => {
        const how = g.scope.resolve(n);
        const ref = how === "cell" ? `c_${safe(n)}` : `f_${safe(n)}`;
        return ref;
      });
      g.emit(
        `const ${closure} = R.tuples.create([${cells.map((c) => `(RC.incref(${c}), ${c})`).join(", ")}]);`,
      );
    }
    const f = g.temp();
    g.emit(`const ${f} = R.makeFunction(${codeIndex}, G, ${d}, ${kd}, ${closure});`);
    return f;
  }

  /** Code bodies are registered after their nested bodies: names like CODE3 are resolved here. */
  private pendingCodes = 0;
  private patchCode(codeIndex: number): void {
    const last = this.functions.length - 1;
    this.functions[last] = this.functions[last]!.replace(/CODE(\d+)/g, () => String(codeIndex));
  }

  private classDef(node: SyntaxNode, g: CodeGen, decorators: Val[]): void {
    const kids = this.children(node);
    const name = this.text(kids.find((k) => k.name === "VariableName")!);
    const argList = kids.find((k) => k.name === "ArgList");
    const bodyNode = kids.find((k) => k.name === "Body")!;
    const scope = g.scope.children.get(node.from)!;
    const bases: Val[] = [];
    if (argList !== undefined) {
      for (const a of this.children(argList)) {
        if (["(", ")", ","].includes(a.name)) continue;
        if (a.name === "AssignOp" || a.nextSibling?.name === "AssignOp")
          this.unsupported(a, "class keyword arguments");
        bases.push(this.expr(a, g));
      }
    }
    const qualname = this.qualname(name, g);
    const inner = new CodeGen(scope, "class");
    const saveQual = this.qualnames;
    this.qualnames = qualname.split(".");
    this.codeStack.push(this.R.codes.length + this.pendingCodes);
    this.pendingCodes++;
    this.body(bodyNode, inner);
    this.codeStack.pop();
    this.pendingCodes--;
    this.qualnames = saveQual;
    const codeIndex = this.registerCode(
      inner,
      name,
      qualname,
      this.lineOf(node),
      [],
      [],
      null,
      null,
      null,
      node,
    );
    this.patchCode(codeIndex);
    let closure = "0";
    if (scope.free.length > 0) {
      closure = g.temp();
      const cells = scope.free.map((n) => (g.scope.resolve(n) === "cell" ? `c_${safe(n)}` : `f_${safe(n)}`));
      g.emit(
        `const ${closure} = R.tuples.create([${cells.map((c) => `(RC.incref(${c}), ${c})`).join(", ")}]);`,
      );
    }
    const c = g.temp();
    g.emit(
      `const ${c} = R.buildClass((ns) => CODES[${codeIndex}].run(G, ns, ${closure}), ${JSON.stringify(name)}, ${JSON.stringify(qualname)}, G, [${bases.map((b) => b.js).join(", ")}]);`,
    );
    if (closure !== "0") g.emit(`RC.decref(${closure});`);
    for (const b of bases) this.release(b, g);
    let value = c;
    for (let i = decorators.length - 1; i >= 0; i--) {
      const d = decorators[i]!;
      const r = g.temp();
      g.emit(`const ${r} = R.call1(${d.js}, ${value});`);
      this.release(d, g);
      value = r;
    }
    this.storeName(name, value, g);
  }

  // --- expressions -------------------------------------------------------------------------------

  private release(v: Val, g: CodeGen): void {
    if (v.owned) g.emit(`RC.decref(${v.js});`);
  }

  /** A JS expression that is a new reference (increfs a borrowed value). */
  private newRef(v: Val, g: CodeGen): string {
    if (v.owned) return v.js;
    const t = g.temp();
    g.emit(`const ${t} = ${v.js}; RC.incref(${t});`);
    return t;
  }

  private newRefVal(v: Val, g: CodeGen): string {
    return this.newRef(v, g);
  }

  private owned(js: string, g: CodeGen): Val {
    const t = g.temp();
    g.emit(`const ${t} = ${js};`);
    return { js: t, owned: true };
  }

  /** A JS boolean expression for the truth of `node`. */
  private cond(node: SyntaxNode, g: CodeGen): string {
    if (node.name === "ParenthesizedExpression") {
      const inner = this.children(node).filter((c) => c.name !== "(" && c.name !== ")");
      if (inner.length === 1) return this.cond(inner[0]!, g);
    }
    if (node.name === "UnaryExpression" && node.firstChild!.name === "not") {
      return `!(${this.cond(node.lastChild!, g)})`;
    }
    if (node.name === "BinaryExpression") {
      const kids = this.children(node);
      const opText = kids
        .slice(1, -1)
        .map((k) => this.text(k))
        .join(" ");
      if (COMPARE_OPS.has(opText) && kids[0]!.name !== "BinaryExpression") {
        return this.compareBool(kids[0]!, opText, kids[kids.length - 1]!, g);
      }
      if (opText === "and" || opText === "or") {
        const a = this.cond(kids[0]!, g);
        const r = g.temp();
        g.emit(`let ${r} = ${a};`);
        g.emit(opText === "and" ? `if (${r}) {` : `if (!${r}) {`);
        const b = this.cond(kids[kids.length - 1]!, g);
        g.emit(`${r} = ${b}; }`);
        return r;
      }
      if (opText === "is" || opText === "is not" || opText === "in" || opText === "not in") {
        const v = this.expr(node, g);
        const r = g.temp();
        g.emit(`const ${r} = ${v.js} === R.True;`);
        this.release(v, g);
        return r;
      }
    }
    const v = this.expr(node, g);
    const r = g.temp();
    g.emit(`const ${r} = R.truthy(${v.js});`);
    this.release(v, g);
    return r;
  }

  private compareBool(left: SyntaxNode, op: string, right: SyntaxNode, g: CodeGen): string {
    const a = this.expr(left, g);
    const b = this.expr(right, g);
    const r = g.temp();
    g.emit(`const ${r} = R.ops.${COMPARE_FAST[op]}(${a.js}, ${b.js});`);
    this.release(a, g);
    this.release(b, g);
    return r;
  }

  expr(node: SyntaxNode, g: CodeGen): Val {
    switch (node.name) {
      case "Number":
        return { js: this.number(node), owned: false };
      case "String":
      case "ContinuedString":
        return this.stringLiteral(node, g);
      case "FormatString":
        return this.fstring(node, g);
      case "Boolean":
        return { js: this.text(node) === "True" ? "R.True" : "R.False", owned: false };
      case "None":
        return { js: "R.None", owned: false };
      case "Ellipsis":
        return { js: "R.ellipsis", owned: false };
      case "VariableName":
        return this.loadName(node, g);
      case "self":
        return this.loadName(node, g);
      case "ParenthesizedExpression": {
        const inner = this.children(node).filter((c) => c.name !== "(" && c.name !== ")");
        if (inner.length === 1) return this.expr(inner[0]!, g);
        return this.unsupported(node, "this expression");
      }
      case "TupleExpression":
        return this.sequenceDisplay(
          this.children(node).filter((c) => !["(", ")", ","].includes(c.name)),
          "tuple",
          g,
        );
      case "ArrayExpression":
        return this.sequenceDisplay(
          this.children(node).filter((c) => !["[", "]", ","].includes(c.name)),
          "list",
          g,
        );
      case "SetExpression":
        return this.sequenceDisplay(
          this.children(node).filter((c) => !["{", "}", ","].includes(c.name)),
          "set",
          g,
        );
      case "DictionaryExpression":
        return this.dictDisplay(node, g);
      case "MemberExpression":
        return this.member(node, g);
      case "CallExpression":
        return this.call(node, g);
      case "BinaryExpression":
        return this.binary(node, g);
      case "UnaryExpression":
        return this.unary(node, g);
      case "ConditionalExpression": {
        const kids = this.children(node);
        const c = this.cond(kids[2]!, g);
        const r = g.temp();
        g.emit(`let ${r}; if (${c}) {`);
        g.emit(`${r} = ${this.newRef(this.expr(kids[0]!, g), g)}; } else {`);
        g.emit(`${r} = ${this.newRef(this.expr(kids[4]!, g), g)}; }`);
        return { js: r, owned: true };
      }
      case "LambdaExpression": {
        const scope = g.scope.children.get(node.from)!;
        const kids = this.children(node);
        const params = kids.find((k) => k.name === "ParamList") ?? null;
        const bodyExpr = kids[kids.length - 1]!;
        const f = this.makeFunction(
          "<lambda>",
          this.qualname("<lambda>", g),
          params,
          scope,
          g,
          (inner) => {
            inner.emit(`L = ${this.lineOf(bodyExpr)};`);
            const v = this.expr(bodyExpr, inner);
            inner.emit(`return ${this.newRef(v, inner)};`);
          },
          this.lineOf(node),
        );
        return { js: f, owned: true };
      }
      case "ArrayComprehensionExpression":
      case "SetComprehensionExpression":
      case "DictionaryComprehensionExpression":
      case "ComprehensionExpression":
        return this.comprehension(node, g);
      case "YieldExpression":
        return this.yieldExpr(node, g);
      case "AwaitExpression":
        return this.unsupported(node, "await");
      case "NamedExpression":
        return this.unsupported(node, "the walrus operator");
      default:
        return this.unsupported(node, describe(node.name));
    }
  }

  private number(node: SyntaxNode): string {
    const raw = this.text(node).replace(/_/g, "");
    if (/[jJ]$/.test(raw)) this.unsupported(node, "complex numbers");
    if (/^0[xX]/.test(raw) || /^0[oO]/.test(raw) || /^0[bB]/.test(raw)) {
      const big = BigInt(raw.toLowerCase());
      return this.constant("int", Number.isSafeInteger(Number(big)) ? Number(big) : big);
    }
    if (/^\d+$/.test(raw)) {
      if (/^0\d/.test(raw) && /[1-9]/.test(raw))
        throw syntaxErrorAt(
          this.lines,
          this.filename,
          node.from,
          "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
        );
      const big = BigInt(raw);
      return this.constant("int", big <= 9007199254740991n ? Number(big) : big);
    }
    return this.constant("float", Number(raw));
  }

  private stringLiteral(node: SyntaxNode, g: CodeGen): Val {
    const parts = node.name === "ContinuedString" ? this.children(node) : [node];
    if (parts.some((p) => p.name === "FormatString")) {
      const vals = parts.map((p) =>
        p.name === "FormatString" ? this.fstring(p, g) : this.stringLiteral(p, g),
      );
      const r = g.temp();
      g.emit(`const ${r} = R.str(${vals.map((v) => `R.strOf(${v.js})`).join(" + ")});`);
      for (const v of vals) this.release(v, g);
      return { js: r, owned: true };
    }
    let text = "";
    let bytes: number[] | null = null;
    for (const p of parts) {
      const lit = decodeStringLiteral(this.text(p));
      if (lit.bytes) bytes = [...(bytes ?? []), ...lit.value.split("").map((c) => c.charCodeAt(0))];
      else text += lit.value;
    }
    if (bytes !== null) return { js: this.constant("bytes", Uint8Array.from(bytes)), owned: false };
    return { js: this.constant("str", text), owned: false };
  }

  /** An f-string: literal text between replacement fields, each formatted with its spec. */
  private fstring(node: SyntaxNode, g: CodeGen): Val {
    const src = this.text(node);
    const m = /^([a-zA-Z]*)('''|"""|'|")/.exec(src)!;
    const prefixLen = m[1]!.length + m[2]!.length;
    const raw = m[1]!.toLowerCase().includes("r");
    const pieces: string[] = [];
    let pos = node.from + prefixLen;
    const end = node.to - m[2]!.length;
    const lit = (from: number, to: number) => {
      if (to <= from) return;
      const text = this.source.slice(from, to).replace(/\{\{/g, "{").replace(/\}\}/g, "}");
      const decoded = raw ? text : decodeStringLiteral(`"${text.replace(/"/g, '\\"')}"`).value;
      pieces.push(JSON.stringify(decoded));
    };
    for (const rep of this.children(node)) {
      if (rep.name !== "FormatReplacement") continue;
      lit(pos, rep.from);
      pieces.push(this.formatReplacement(rep, g));
      pos = rep.to;
    }
    lit(pos, end);
    const r = g.temp();
    g.emit(`const ${r} = R.str(${pieces.length > 0 ? pieces.join(" + ") : '""'});`);
    return { js: r, owned: true };
  }

  private formatReplacement(rep: SyntaxNode, g: CodeGen): string {
    const kids = this.children(rep).filter((c) => c.name !== "{" && c.name !== "}");
    let conversion = "";
    let specNode: SyntaxNode | null = null;
    const exprs: SyntaxNode[] = [];
    let selfDoc = false;
    for (const k of kids) {
      if (k.name === "FormatConversion") conversion = this.text(k).slice(1);
      else if (k.name === "FormatSpec") specNode = k;
      else if (k.name === "FormatSelfDoc") selfDoc = true;
      else exprs.push(k);
    }
    const v =
      exprs.length === 1
        ? this.expr(exprs[0]!, g)
        : this.sequenceDisplay(
            exprs.filter((e) => e.name !== ","),
            "tuple",
            g,
          );
    let spec = '""';
    if (specNode !== null) {
      const parts: string[] = [];
      let pos = specNode.from + 1;
      for (const inner of this.children(specNode)) {
        if (inner.name !== "FormatReplacement") continue;
        if (inner.from > pos) parts.push(JSON.stringify(this.source.slice(pos, inner.from)));
        parts.push(this.formatReplacement(inner, g));
        pos = inner.to;
      }
      if (specNode.to > pos) parts.push(JSON.stringify(this.source.slice(pos, specNode.to)));
      spec = parts.length > 0 ? parts.join(" + ") : '""';
    }
    const t = g.temp();
    const prefix = selfDoc
      ? `${JSON.stringify(this.source.slice(rep.from + 1, (specNode ?? rep).from).replace(/[:}]$/, ""))} + `
      : "";
    const conv =
      conversion === "r" || (selfDoc && conversion === "" && specNode === null)
        ? `R.reprOf(${v.js})`
        : conversion === "s"
          ? `R.strOf(${v.js})`
          : conversion === "a"
            ? `R.reprOf(${v.js})`
            : null;
    if (conv !== null && spec === '""') g.emit(`const ${t} = ${prefix}${conv};`);
    else if (conv !== null) g.emit(`const ${t} = ${prefix}R.formatString(${conv}, ${spec});`);
    else g.emit(`const ${t} = ${prefix}R.formatValue(${v.js}, ${spec});`);
    this.release(v, g);
    return t;
  }

  private loadName(node: SyntaxNode, g: CodeGen): Val {
    const name = this.text(node);
    const how = g.scope.resolve(name);
    const s = safe(name);
    if (how === "local") {
      g.emit(`if (v_${s} === 0) throw R.unboundLocal(${JSON.stringify(name)});`);
      return { js: `v_${s}`, owned: false };
    }
    if (how === "cell") return this.owned(`R.cellGet(c_${s}, ${JSON.stringify(name)})`, g);
    if (how === "free") return this.owned(`R.cellGet(f_${s}, ${JSON.stringify(name)})`, g);
    if (how === "name") return this.owned(`R.loadName(ns, G, ${JSON.stringify(name)})`, g);
    const site = this.sites++;
    return this.owned(`R.loadGlobalCached(G, ${JSON.stringify(name)}, S[${site}])`, g);
  }

  private sequenceDisplay(items: SyntaxNode[], kind: "tuple" | "list" | "set", g: CodeGen): Val {
    const hasStar = items.some((c) => c.name === "*");
    if (!hasStar) {
      const allConst =
        items.length > 2 &&
        items.every(
          (c) => c.name === "Number" || c.name === "String" || c.name === "Boolean" || c.name === "None",
        );
      const refs = items.map((c) => this.newRef(this.expr(c, g), g));
      if (kind === "tuple") return this.owned(`R.tuples.create([${refs.join(", ")}])`, g);
      if (kind === "list") {
        const n = refs.length;
        const capacity = allConst ? (n + 1) & ~1 : n <= 30 ? n : -1;
        return this.owned(`R.makeList([${refs.join(", ")}], ${capacity})`, g);
      }
      return this.owned(`R.makeSet([${refs.join(", ")}])`, g);
    }
    const acc = g.temp();
    g.emit(`const ${acc} = [];`);
    for (let i = 0; i < items.length; i++) {
      if (items[i]!.name === "*") {
        const v = this.expr(items[++i]!, g);
        g.emit(`${acc}.push(...R.toArray(${v.js}));`);
        this.release(v, g);
      } else g.emit(`${acc}.push(${this.newRef(this.expr(items[i]!, g), g)});`);
    }
    if (kind === "tuple") return this.owned(`R.tuples.create(${acc})`, g);
    if (kind === "list") return this.owned(`R.makeList(${acc}, -1)`, g);
    return this.owned(`R.makeSet(${acc})`, g);
  }

  private dictDisplay(node: SyntaxNode, g: CodeGen): Val {
    const kids = this.children(node).filter((c) => !["{", "}", ","].includes(c.name));
    const d = g.temp();
    g.emit(`const ${d} = R.dicts.create();`);
    for (let i = 0; i < kids.length; i++) {
      if (kids[i]!.name === "**") {
        const v = this.expr(kids[++i]!, g);
        g.emit(`R.dictMerge(${d}, ${v.js});`);
        this.release(v, g);
        continue;
      }
      const k = this.newRef(this.expr(kids[i]!, g), g);
      i++; // ":"
      const v = this.newRef(this.expr(kids[++i]!, g), g);
      g.emit(`R.subs.setitem(${d}, ${k}, ${v}); RC.decref(${k});`);
    }
    return { js: d, owned: true };
  }

  private subscriptKey(parts: SyntaxNode[], g: CodeGen): Val {
    const inner = parts.filter((p) => p.name !== "[" && p.name !== "]");
    if (inner.some((p) => p.name === ":")) {
      const slots: (SyntaxNode | null)[] = [null, null, null];
      let k = 0;
      for (const p of inner) {
        if (p.name === ":") k++;
        else slots[k] = p;
      }
      const refs = slots.map((s) =>
        s === null ? "(RC.incref(R.None), R.None)" : this.newRef(this.expr(s, g), g),
      );
      return this.owned(`R.subs.makeSlice(${refs.join(", ")})`, g);
    }
    if (inner.some((p) => p.name === ","))
      return this.sequenceDisplay(
        inner.filter((p) => p.name !== ","),
        "tuple",
        g,
      );
    return this.expr(inner[0]!, g);
  }

  private member(node: SyntaxNode, g: CodeGen): Val {
    const kids = this.children(node);
    const obj = this.expr(kids[0]!, g);
    let r: Val;
    if (kids[1]!.name === ".")
      r = this.owned(`R.getattr(${obj.js}, ${JSON.stringify(this.text(kids[2]!))})`, g);
    else {
      const key = this.subscriptKey(kids.slice(1), g);
      r = this.owned(`R.subs.getitem(${obj.js}, ${key.js})`, g);
      this.release(key, g);
    }
    this.release(obj, g);
    return r;
  }

  private call(node: SyntaxNode, g: CodeGen): Val {
    const kids = this.children(node);
    const calleeNode = kids[0]!;
    const argList = kids[1]!;
    // Method call: obj.name(...)
    if (calleeNode.name === "MemberExpression" && calleeNode.lastChild!.name === "PropertyName") {
      const mk = this.children(calleeNode);
      return this.callWith(null, this.expr(mk[0]!, g), this.text(mk[2]!), argList, g);
    }
    if (calleeNode.name === "VariableName" && this.text(calleeNode) === "super" && g.kind === "function") {
      const inner = this.children(argList).filter((c) => c.name !== "(" && c.name !== ")");
      const first = [...g.scope.bound][0];
      if (inner.length === 0 && first !== undefined && g.scope.resolve("super") === "global") {
        const how = g.scope.resolve(first);
        const self =
          how === "local"
            ? `v_${safe(first)}`
            : how === "cell"
              ? `R.slot.cell.get(c_${safe(first)}, 0)`
              : "0";
        return this.owned(`R.superOf(fn, ${self})`, g);
      }
    }
    return this.callWith(this.expr(calleeNode, g), null, null, argList, g);
  }

  /** A call of `callee`, or of method `methodName` of `receiver`, with the arguments of `argList`. */
  private callWith(
    callee: Val | null,
    receiver: Val | null,
    methodName: string | null,
    argList: SyntaxNode,
    g: CodeGen,
  ): Val {
    const args = this.children(argList).filter((c) => c.name !== "(" && c.name !== ")");
    if (args.some((a) => a.name === "for")) {
      // A generator expression as the only argument: f(x for x in y).
      const gen = this.comprehension(argList, g);
      if (receiver !== null) {
        const r = this.owned(
          `R.callMethod(${receiver.js}, ${JSON.stringify(methodName)}, [${gen.js}], null)`,
          g,
        );
        this.release(receiver, g);
        return r;
      }
      const r = this.owned(`R.call1(${callee!.js}, ${gen.js})`, g);
      this.release(callee!, g);
      return r;
    }
    const positional: string[] = [];
    const kwNames: string[] = [];
    const kwValues: string[] = [];
    let star = false;
    const pieces: string[] = [];
    let kwSpread: string | null = null;
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a.name === ",") continue;
      if (a.name === "*") {
        star = true;
        const v = this.expr(args[++i]!, g);
        const t = g.temp();
        g.emit(`const ${t} = R.toArray(${v.js});`);
        this.release(v, g);
        pieces.push(`...${t}`);
        continue;
      }
      if (a.name === "**") {
        const v = this.expr(args[++i]!, g);
        kwSpread = v.owned ? v.js : this.newRef(v, g);
        continue;
      }
      if (args[i + 1]?.name === "AssignOp") {
        kwNames.push(this.text(a));
        kwValues.push(this.newRef(this.expr(args[i + 2]!, g), g));
        i += 2;
        continue;
      }
      if (
        a.name === "ArrayComprehensionExpression" ||
        a.name === "ComprehensionExpression" ||
        a.name === "For"
      ) {
        pieces.push(this.newRef(this.expr(a, g), g));
        positional.push(pieces[pieces.length - 1]!);
        continue;
      }
      const v = this.newRef(this.expr(a, g), g);
      pieces.push(v);
      positional.push(v);
    }
    let kw = "null";
    if (kwNames.length > 0 || kwSpread !== null) {
      kw = g.temp();
      g.emit(
        `const ${kw} = R.keywords(${JSON.stringify(kwNames)}, [${kwValues.join(", ")}], ${kwSpread ?? "0"});`,
      );
    }
    const argArray = `[${pieces.join(", ")}]`;
    let r: Val;
    if (receiver !== null) {
      r = this.owned(`R.callMethod(${receiver.js}, ${JSON.stringify(methodName)}, ${argArray}, ${kw})`, g);
      this.release(receiver, g);
    } else {
      const c = callee!;
      if (!star && kw === "null" && positional.length === 0) r = this.owned(`R.call0(${c.js})`, g);
      else if (!star && kw === "null" && positional.length === 1)
        r = this.owned(`R.call1(${c.js}, ${positional[0]})`, g);
      else if (!star && kw === "null" && positional.length === 2)
        r = this.owned(`R.call2(${c.js}, ${positional[0]}, ${positional[1]})`, g);
      else r = this.owned(`R.call(${c.js}, ${argArray}, ${kw})`, g);
      this.release(c, g);
    }
    return r;
  }

  private binary(node: SyntaxNode, g: CodeGen): Val {
    const kids = this.children(node);
    const left = kids[0]!;
    const right = kids[kids.length - 1]!;
    const op = kids
      .slice(1, -1)
      .map((k) => this.text(k))
      .join(" ");
    if (op === "and" || op === "or") {
      const a = this.newRef(this.expr(left, g), g);
      const r = g.temp();
      g.emit(`let ${r} = ${a};`);
      g.emit(
        op === "and" ? `if (R.truthy(${r})) { RC.decref(${r});` : `if (!R.truthy(${r})) { RC.decref(${r});`,
      );
      g.emit(`${r} = ${this.newRef(this.expr(right, g), g)}; }`);
      return { js: r, owned: true };
    }
    if (COMPARE_OPS.has(op) || op === "is" || op === "is not" || op === "in" || op === "not in") {
      // Chained comparisons: a < b < c is (a < b) and (b < c) with b evaluated once.
      const chain: { op: string; node: SyntaxNode }[] = [];
      let cur: SyntaxNode = node;
      while (cur.name === "BinaryExpression") {
        const ck = this.children(cur);
        const cop = ck
          .slice(1, -1)
          .map((k) => this.text(k))
          .join(" ");
        if (!(COMPARE_OPS.has(cop) || cop === "is" || cop === "is not" || cop === "in" || cop === "not in"))
          break;
        chain.unshift({ op: cop, node: ck[ck.length - 1]! });
        cur = ck[0]!;
      }
      const r = g.temp();
      g.emit(`let ${r} = R.True;`);
      let prev = this.expr(cur, g);
      g.emit("do {");
      for (let i = 0; i < chain.length; i++) {
        const { op: cop, node: rn } = chain[i]!;
        const next = this.expr(rn, g);
        const b = g.temp();
        if (cop === "is") g.emit(`const ${b} = ${prev.js} === ${next.js};`);
        else if (cop === "is not") g.emit(`const ${b} = ${prev.js} !== ${next.js};`);
        else if (cop === "in") g.emit(`const ${b} = R.ops.contains(${next.js}, ${prev.js});`);
        else if (cop === "not in") g.emit(`const ${b} = !R.ops.contains(${next.js}, ${prev.js});`);
        else g.emit(`const ${b} = R.ops.${COMPARE_FAST[cop]}(${prev.js}, ${next.js});`);
        this.release(prev, g);
        if (i === chain.length - 1) {
          g.emit(`if (!${b}) ${r} = R.False;`);
          this.release(next, g);
        } else {
          g.emit(`if (!${b}) { ${r} = R.False; ${next.owned ? `RC.decref(${next.js});` : ""} break; }`);
        }
        prev = next;
      }
      g.emit("} while (false);");
      return { js: r, owned: false };
    }
    const a = this.expr(left, g);
    const b = this.expr(right, g);
    const fast: Record<string, string> = { "+": "add", "-": "sub", "*": "mul" };
    const r = this.owned(
      fast[op] !== undefined
        ? `R.ops.${fast[op]}(${a.js}, ${b.js})`
        : `R.ops.binary(${JSON.stringify(op)}, ${a.js}, ${b.js})`,
      g,
    );
    this.release(a, g);
    this.release(b, g);
    return r;
  }

  private unary(node: SyntaxNode, g: CodeGen): Val {
    const kids = this.children(node);
    const op = this.text(kids[0]!);
    if (op === "not") {
      const c = this.cond(kids[1]!, g);
      return { js: `(${c} ? R.False : R.True)`, owned: false };
    }
    if (op === "-" && kids[1]!.name === "Number") {
      const raw = this.text(kids[1]!).replace(/_/g, "");
      if (/^\d+$/.test(raw)) {
        const big = -BigInt(raw);
        return { js: this.constant("int", big >= -9007199254740991n ? Number(big) : big), owned: false };
      }
      if (!/[jJxXoObB]/.test(raw)) return { js: this.constant("float", -Number(raw)), owned: false };
    }
    const v = this.expr(kids[1]!, g);
    const r = this.owned(`R.ops.unary(${JSON.stringify(op)}, ${v.js})`, g);
    this.release(v, g);
    return r;
  }

  private comprehension(node: SyntaxNode, g: CodeGen): Val {
    const scope = g.scope.children.get(node.from)!;
    const kids = this.children(node).filter((c) => !["[", "]", "{", "}", "(", ")"].includes(c.name));
    // Element part: up to the first `for`.
    const forAt = kids.findIndex((k) => k.name === "for");
    const element = kids.slice(0, forAt);
    const clauses: { kind: "for" | "if"; target?: SyntaxNode[]; iter?: SyntaxNode; cond?: SyntaxNode }[] = [];
    let i = forAt;
    while (i < kids.length) {
      if (kids[i]!.name === "for") {
        const inAt = kids.findIndex((k, j) => j > i && k.name === "in");
        clauses.push({ kind: "for", target: kids.slice(i + 1, inAt), iter: kids[inAt + 1]! });
        i = inAt + 2;
      } else if (kids[i]!.name === "if") {
        clauses.push({ kind: "if", cond: kids[i + 1]! });
        i += 2;
      } else i++;
    }
    const kind = node.name === "ArgList" ? "ComprehensionExpression" : node.name;
    const name =
      kind === "ArrayComprehensionExpression"
        ? "<listcomp>"
        : kind === "SetComprehensionExpression"
          ? "<setcomp>"
          : kind === "DictionaryComprehensionExpression"
            ? "<dictcomp>"
            : "<genexpr>";
    const firstIter = this.expr(clauses[0]!.iter!, g);
    const it = this.owned(`R.iter(${firstIter.js})`, g);
    this.release(firstIter, g);
    const f = this.makeFunction(
      name,
      this.qualname(name, g),
      null,
      scope,
      g,
      (inner) => {
        const acc = inner.temp();
        if (kind === "ArrayComprehensionExpression") inner.emit(`const ${acc} = R.lists.create([], 0);`);
        else if (kind === "SetComprehensionExpression") inner.emit(`const ${acc} = R.sets.create();`);
        else if (kind === "DictionaryComprehensionExpression") inner.emit(`const ${acc} = R.dicts.create();`);
        let depth = 0;
        clauses.forEach((c, ci) => {
          if (c.kind === "for") {
            const itv = ci === 0 ? "p0" : inner.temp();
            if (ci !== 0) {
              const v = this.expr(c.iter!, inner);
              inner.emit(`const ${itv} = R.iter(${v.js});`);
              this.release(v, inner);
            }
            const item = inner.temp();
            inner.emit(`try { for (;;) { const ${item} = R.next(${itv}); if (${item} === 0) break;`);
            this.storeGroup(c.target!, item, inner);
            depth++;
            if (ci !== 0)
              (inner as unknown as { cleanups: string[] }).cleanups = [
                ...((inner as unknown as { cleanups?: string[] }).cleanups ?? []),
                itv,
              ];
          } else {
            const cv = this.cond(c.cond!, inner);
            inner.emit(`if (${cv}) {`);
            depth++;
            (inner as unknown as { ifs?: number }).ifs =
              ((inner as unknown as { ifs?: number }).ifs ?? 0) + 1;
          }
        });
        if (kind === "DictionaryComprehensionExpression") {
          const colon = element.findIndex((e) => e.name === ":");
          const k = this.newRef(this.expr(element[0]!, inner), inner);
          const v = this.newRef(this.expr(element[colon + 1]!, inner), inner);
          inner.emit(`R.subs.setitem(${acc}, ${k}, ${v}); RC.decref(${k});`);
        } else {
          const v = this.newRef(this.expr(element[0]!, inner), inner);
          if (kind === "ArrayComprehensionExpression") inner.emit(`R.lists.append(${acc}, ${v});`);
          else if (kind === "SetComprehensionExpression") inner.emit(`R.setAdd(${acc}, ${v});`);
          else inner.emit(`yield ${v};`);
        }
        // Close clauses in reverse.
        const closers: string[] = [];
        let forIndex = 0;
        clauses.forEach((c, ci) => {
          if (c.kind === "for") {
            const itName =
              ci === 0 ? null : ((inner as unknown as { cleanups: string[] }).cleanups[forIndex++] ?? null);
            closers.push(`} } finally { ${itName !== null ? `RC.decref(${itName});` : ""} }`);
          } else closers.push("}");
        });
        void depth;
        inner.emit(closers.reverse().join("\n"));
        if (kind !== "ComprehensionExpression") inner.emit(`return ${acc};`);
      },
      this.lineOf(node),
      [".0"],
    );
    const r = this.owned(`R.call1(${f}, ${it.js})`, g);
    g.emit(`RC.decref(${f});`);
    return r;
  }

  private yieldExpr(node: SyntaxNode, g: CodeGen): Val {
    if (g.kind !== "function")
      throw syntaxErrorAt(this.lines, this.filename, node.from, "'yield' outside function");
    const kids = this.children(node).filter((c) => c.name !== "yield" && !c.type.isError);
    if (kids[0]?.name === "from") {
      const v = this.expr(kids[1]!, g);
      const it = this.owned(`R.iter(${v.js})`, g);
      this.release(v, g);
      const r = this.owned(`yield* R.delegate(${it.js})`, g);
      g.emit(`RC.decref(${it.js});`);
      return r;
    }
    const value =
      kids.length === 0 ? "(RC.incref(R.None), R.None)" : this.newRef(this.tupleOrSingle(kids, g), g);
    return this.owned(`yield ${value}`, g);
  }
}

function safe(name: string): string {
  return name.replace(/[^A-Za-z0-9_$]/g, (c) => `$${c.charCodeAt(0)}`);
}

function describe(nodeName: string): string {
  const map: Record<string, string> = {
    CallExpression: "function call",
    Number: "literal",
    String: "literal",
    BinaryExpression: "expression",
    LambdaExpression: "lambda",
  };
  return map[nodeName] ?? nodeName.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}
