/**
 * Scope analysis: which names each function, class body, lambda and comprehension binds,
 * which it declares global or nonlocal, and which variables must live in cells because an
 * inner scope uses them (Python/symtable.c's job).
 *
 * ```
 *  def outer():          outer: locals {x, inner}, cells {x}
 *      x = 1
 *      def inner():      inner: free {x}
 *          return x
 * ```
 *
 * @module
 */
import type { SyntaxNode } from "@lezer/common";

/** The kind of a scope. */
export type ScopeKind = "module" | "function" | "class";

/** One scope's names. */
export class Scope {
  readonly kind: ScopeKind;
  readonly parent: Scope | null;
  /** Names bound in this scope (parameters first). */
  readonly bound = new Set<string>();
  /** Names declared global. */
  readonly globals = new Set<string>();
  /** Names declared nonlocal. */
  readonly nonlocals = new Set<string>();
  /** Names read in this scope. */
  readonly used = new Set<string>();
  /** Locals that inner scopes capture. */
  readonly cells = new Set<string>();
  /** Names this scope reads from enclosing function scopes, in order. */
  readonly free: string[] = [];
  /** Child scopes by their defining node's start offset. */
  readonly children = new Map<number, Scope>();
  /** Whether the body yields. */
  generator = false;

  constructor(kind: ScopeKind, parent: Scope | null) {
    this.kind = kind;
    this.parent = parent;
  }

  /** Whether `name` is a fast local here. */
  isLocal(name: string): boolean {
    return (
      this.kind === "function" && this.bound.has(name) && !this.globals.has(name) && !this.nonlocals.has(name)
    );
  }

  /** How `name` resolves: "local" (fast or class namespace), "cell", "free", "global". */
  resolve(name: string): "local" | "cell" | "free" | "global" | "name" {
    if (this.globals.has(name)) return "global";
    if (this.kind === "module") return "global";
    if (this.nonlocals.has(name) || this.free.includes(name)) return "free";
    if (this.kind === "class")
      return this.bound.has(name) ? "name" : this.findEnclosing(name) ? "free" : "name";
    if (this.cells.has(name)) return "cell";
    if (this.bound.has(name)) return "local";
    return "global";
  }

  /** Whether an enclosing function scope binds `name`. */
  findEnclosing(name: string): boolean {
    for (let s = this.parent; s !== null; s = s.parent) {
      if (s.kind === "function" && (s.bound.has(name) || s.nonlocals.has(name)) && !s.globals.has(name))
        return true;
      if (s.kind === "module") return false;
    }
    return false;
  }
}

const SCOPE_NODES = new Set([
  "FunctionDefinition",
  "LambdaExpression",
  "ClassDefinition",
  "ArrayComprehensionExpression",
  "SetComprehensionExpression",
  "DictionaryComprehensionExpression",
  "ComprehensionExpression",
]);

/** Text of a node. */
export type TextOf = (node: SyntaxNode) => string;

/** Builds the scope tree of a module. */
export function analyzeScopes(top: SyntaxNode, text: TextOf): Scope {
  const module = new Scope("module", null);
  visitBody(top, module, text);
  resolveFree(module);
  return module;
}

function bindTarget(node: SyntaxNode, scope: Scope, text: TextOf): void {
  switch (node.name) {
    case "VariableName":
      scope.bound.add(text(node));
      return;
    case "TupleExpression":
    case "ArrayExpression":
    case "ParenthesizedExpression":
      for (let c = node.firstChild; c !== null; c = c.nextSibling) bindTarget(c, scope, text);
      return;
    default:
      return;
  }
}

/** Children of a comprehension: the element part and the for/if clauses. */
function visitComprehension(node: SyntaxNode, scope: Scope, outer: Scope, text: TextOf): void {
  // The first iterable is evaluated in the enclosing scope.
  let firstIn = true;
  let afterFor = false;
  let afterIn = false;
  for (let c = node.firstChild; c !== null; c = c.nextSibling) {
    if (c.name === "for") {
      afterFor = true;
      continue;
    }
    if (c.name === "in") {
      afterIn = true;
      afterFor = false;
      continue;
    }
    if (afterFor) {
      bindTarget(c, scope, text);
      visitExpr(c, scope, text);
      continue;
    }
    if (afterIn) {
      afterIn = false;
      if (firstIn) {
        firstIn = false;
        visitExpr(c, outer, text);
        continue;
      }
    }
    visitExpr(c, scope, text);
  }
}

function visitExpr(node: SyntaxNode, scope: Scope, text: TextOf): void {
  if (node.name === "ArgList" && node.getChild("for") !== null) {
    // f(x for x in y): the argument list is the generator expression.
    const child = new Scope("function", scope);
    scope.children.set(node.from, child);
    child.bound.add(".0");
    child.generator = true;
    visitComprehension(node, child, scope, text);
    return;
  }
  if (SCOPE_NODES.has(node.name)) {
    if (node.name === "ClassDefinition" || node.name === "FunctionDefinition") {
      visitBody(node, scope, text);
      return;
    }
    const child = new Scope("function", scope);
    scope.children.set(node.from, child);
    if (node.name === "LambdaExpression") {
      for (let c = node.firstChild; c !== null; c = c.nextSibling) {
        if (c.name === "ParamList") visitParams(c, child, scope, text);
        else visitExpr(c, child, text);
      }
    } else {
      child.bound.add(".0");
      visitComprehension(node, child, scope, text);
      if (node.name === "ComprehensionExpression") child.generator = true;
    }
    return;
  }
  if (node.name === "VariableName") {
    scope.used.add(text(node));
    return;
  }
  if (node.name === "YieldExpression" || node.name === "YieldStatement") scope.generator = true;
  for (let c = node.firstChild; c !== null; c = c.nextSibling) visitExpr(c, scope, text);
}

function visitParams(list: SyntaxNode, fn: Scope, outer: Scope, text: TextOf): void {
  let afterAssign = false;
  for (let c = list.firstChild; c !== null; c = c.nextSibling) {
    if (c.name === "AssignOp") {
      afterAssign = true;
      continue;
    }
    if (afterAssign) {
      visitExpr(c, outer, text);
      afterAssign = false;
      continue;
    }
    if (c.name === "VariableName") fn.bound.add(text(c));
    else if (c.name === "TypeDef") visitExpr(c, outer, text);
  }
}

/** Visits the statements of a module, function or class body. */
function visitBody(node: SyntaxNode, scope: Scope, text: TextOf): void {
  if (node.name === "FunctionDefinition") {
    let nameNode: SyntaxNode | null = null;
    const fn = new Scope("function", scope);
    scope.children.set(node.from, fn);
    for (let c = node.firstChild; c !== null; c = c.nextSibling) {
      if (c.name === "VariableName" && nameNode === null) {
        nameNode = c;
        scope.bound.add(text(c));
      } else if (c.name === "ParamList") visitParams(c, fn, scope, text);
      else if (c.name === "TypeDef") visitExpr(c, scope, text);
      else if (c.name === "Body") visitStatements(c, fn, text);
    }
    return;
  }
  if (node.name === "ClassDefinition") {
    const cls = new Scope("class", scope);
    scope.children.set(node.from, cls);
    let named = false;
    for (let c = node.firstChild; c !== null; c = c.nextSibling) {
      if (c.name === "VariableName" && !named) {
        named = true;
        scope.bound.add(text(c));
      } else if (c.name === "ArgList") visitExpr(c, scope, text);
      else if (c.name === "Body") visitStatements(c, cls, text);
    }
    return;
  }
  visitStatements(node, scope, text);
}

function visitStatements(body: SyntaxNode, scope: Scope, text: TextOf): void {
  for (let c = body.firstChild; c !== null; c = c.nextSibling) visitStatement(c, scope, text);
}

function visitStatement(node: SyntaxNode, scope: Scope, text: TextOf): void {
  switch (node.name) {
    case "FunctionDefinition":
    case "ClassDefinition":
      visitBody(node, scope, text);
      return;
    case "StatementGroup":
      visitStatements(node, scope, text);
      return;
    case "DecoratedStatement":
      for (let c = node.firstChild; c !== null; c = c.nextSibling) {
        if (c.name === "Decorator") visitExpr(c, scope, text);
        else visitStatement(c, scope, text);
      }
      return;
    case "ScopeStatement": {
      const kw = node.firstChild!;
      for (let c = kw.nextSibling; c !== null; c = c.nextSibling) {
        if (c.name !== "VariableName") continue;
        if (kw.name === "global") scope.globals.add(text(c));
        else scope.nonlocals.add(text(c));
      }
      return;
    }
    case "AssignStatement":
    case "UpdateStatement": {
      const children: SyntaxNode[] = [];
      for (let c = node.firstChild; c !== null; c = c.nextSibling) children.push(c);
      const lastOp = children
        .map((c) => c.name)
        .lastIndexOf(node.name === "AssignStatement" ? "AssignOp" : "UpdateOp");
      children.forEach((c, i) => {
        if (i < lastOp && c.name !== "AssignOp" && c.name !== "TypeDef" && c.name !== "UpdateOp")
          bindTarget(c, scope, text);
        visitExpr(c, scope, text);
      });
      return;
    }
    case "ForStatement": {
      let inTarget = true;
      for (let c = node.firstChild; c !== null; c = c.nextSibling) {
        if (c.name === "in") inTarget = false;
        else if (inTarget && c.name !== "for") bindTarget(c, scope, text);
        if (c.name === "Body") visitStatements(c, scope, text);
        else visitExpr(c, scope, text);
      }
      return;
    }
    case "TryStatement": {
      let afterAs = false;
      for (let c = node.firstChild; c !== null; c = c.nextSibling) {
        if (c.name === "as") afterAs = true;
        else if (afterAs && c.name === "VariableName") {
          scope.bound.add(text(c));
          afterAs = false;
        } else if (c.name === "Body") visitStatements(c, scope, text);
        else visitExpr(c, scope, text);
      }
      return;
    }
    case "WithStatement": {
      let afterAs = false;
      for (let c = node.firstChild; c !== null; c = c.nextSibling) {
        if (c.name === "as") afterAs = true;
        else if (afterAs) {
          bindTarget(c, scope, text);
          afterAs = false;
          visitExpr(c, scope, text);
        } else if (c.name === "Body") visitStatements(c, scope, text);
        else visitExpr(c, scope, text);
      }
      return;
    }
    case "ImportStatement": {
      const names: SyntaxNode[] = [];
      for (let c = node.firstChild; c !== null; c = c.nextSibling) names.push(c);
      const isFrom = names[0]?.name === "from";
      const importAt = names.findIndex((c) => c.name === "import");
      for (let i = isFrom ? importAt + 1 : 1; i < names.length; i++) {
        const c = names[i]!;
        if (c.name !== "VariableName") continue;
        const next = names[i + 1];
        if (next?.name === "as") continue;
        if (!isFrom && next?.name === ".") continue;
        if (!isFrom) {
          // `import a.b` binds `a`: the first name of a dotted path.
          let j = i;
          while (j > 1 && names[j - 1]?.name === ".") j -= 2;
          scope.bound.add(text(names[j]!));
        } else scope.bound.add(text(c));
      }
      return;
    }
    case "DeleteStatement":
      for (let c = node.firstChild; c !== null; c = c.nextSibling) {
        bindTarget(c, scope, text);
        visitExpr(c, scope, text);
      }
      return;
    default:
      if (node.name === "YieldStatement") scope.generator = true;
      for (let c = node.firstChild; c !== null; c = c.nextSibling) {
        if (c.name === "Body") visitStatements(c, scope, text);
        else visitExpr(c, scope, text);
      }
  }
}

/** Marks captured locals as cells and records each scope's free variables. */
function resolveFree(scope: Scope): void {
  for (const child of scope.children.values()) resolveFree(child);
  if (scope.kind === "module") return;
  const wanted = new Set<string>();
  for (const n of scope.nonlocals) wanted.add(n);
  for (const n of scope.used) {
    if (scope.kind === "function" && (scope.bound.has(n) || scope.globals.has(n))) continue;
    if (scope.kind === "class" && scope.globals.has(n)) continue;
    if (scope.findEnclosing(n)) wanted.add(n);
  }
  // Free variables of children that pass through this scope.
  for (const child of scope.children.values()) {
    for (const n of child.free) {
      if (
        scope.kind === "function" &&
        scope.bound.has(n) &&
        !scope.nonlocals.has(n) &&
        !scope.globals.has(n)
      ) {
        scope.cells.add(n);
      } else if (scope.findEnclosing(n)) wanted.add(n);
    }
  }
  for (const n of wanted) {
    if (scope.kind === "function" && scope.bound.has(n) && !scope.nonlocals.has(n)) continue;
    if (!scope.free.includes(n)) scope.free.push(n);
  }
}
