import type { Node } from '../engine/parser';
import { StringShape, stringShapeOf } from './strings';

/** How a name got its value at some point in a scope. */
export type Binding =
  | { kind: 'import'; name: string; at: number; qualifiedName: string; node: Node }
  | { kind: 'assignment'; name: string; at: number; value: Node; node: Node }
  | { kind: 'augmented'; name: string; at: number; value: Node; operator: string; node: Node }
  | { kind: 'parameter'; name: string; at: number; node: Node; function: Node }
  | { kind: 'loop' | 'with' | 'function' | 'class'; name: string; at: number; value?: Node; node: Node };

/** Where a value may have come from, as far as the file shows. */
export type Origin = 'request' | 'parameter' | 'input' | 'constant' | 'unknown';

/** Node types the model needs; the engine collects them in its single pass and hands them over. */
export const modelNodeTypes = [
  'import_statement',
  'import_from_statement',
  'assignment',
  'augmented_assignment',
  'function_definition',
  'class_definition',
  'for_statement',
  'with_item',
  'lambda',
] as const;

/** A function or lambda body as offsets, with the index of the body that encloses it (-1 for none). */
interface ScopeSpan {
  scope: Node;
  bodyStart: number;
  bodyEnd: number;
  parent: number;
}

const builtinNames: ReadonlySet<string> = new Set([
  'open', 'print', 'eval', 'exec', 'compile', 'input', '__import__', 'str', 'repr', 'int', 'float', 'bool',
  'len', 'format', 'bytes', 'dict', 'list', 'tuple', 'set', 'getattr', 'setattr', 'vars', 'globals',
]);

const requestRoots = ['flask.request', 'quart.request', 'bottle.request', 'sanic.request'];
const requestParameterNames: ReadonlySet<string> = new Set(['request', 'req']);
const MAX_DEPTH = 12;

/**
 * What a file says about its names: imports and aliases resolved to qualified names, the values
 * assigned to names within each scope, and the shape of strings built from them. Rules ask it
 * instead of re-deriving any of this.
 */
export class SemanticModel {
  private readonly bindings = new Map<string, Binding[]>();
  private readonly shapeCache = new Map<number, StringShape>();
  private readonly calleeCache = new Map<number, string | undefined>();
  /** Qualified module names imported anywhere in the file (`sqlite3`, `psycopg2.extras`, ...). */
  readonly importedModules = new Set<string>();
  /** Function and lambda bodies sorted by start: scopes are found by offset, not by walking parents in WASM. */
  private readonly scopes: ScopeSpan[] = [];

  constructor(readonly root: Node, readonly text: string, nodesByType: Map<string, Node[]>) {
    this.indexScopes([...(nodesByType.get('function_definition') ?? []), ...(nodesByType.get('lambda') ?? [])]);
    for (const type of modelNodeTypes) {
      for (const node of nodesByType.get(type) ?? []) this.record(node);
    }
    for (const list of this.bindings.values()) list.sort((a, b) => a.at - b.at);
  }

  // ---- scopes and bindings ----

  /**
   * The function (or lambda) whose body holds `node`, or the module. Default values and decorators
   * are outside the body, so they belong to the enclosing scope. Bodies nest, so the innermost body
   * holding the node is found from the last body starting at or before it, then its enclosing ones.
   */
  scopeOf(node: Node): Node {
    const start = node.startIndex;
    const end = node.endIndex;
    let low = 0;
    let high = this.scopes.length - 1;
    let candidate = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (this.scopes[middle].bodyStart <= start) {
        candidate = middle;
        low = middle + 1;
      } else high = middle - 1;
    }
    for (let i = candidate; i >= 0; i = this.scopes[i].parent) {
      const span = this.scopes[i];
      if (end <= span.bodyEnd) return span.scope;
    }
    return this.root;
  }

  private indexScopes(functions: Node[]): void {
    for (const scope of functions) {
      const body = scope.childForFieldName('body');
      if (body) this.scopes.push({ scope, bodyStart: body.startIndex, bodyEnd: body.endIndex, parent: -1 });
    }
    // Outer bodies first when two start together, so the inner one is found first from the end.
    this.scopes.sort((a, b) => a.bodyStart - b.bodyStart || b.bodyEnd - a.bodyEnd);
    const open: number[] = [];
    this.scopes.forEach((span, i) => {
      while (open.length && this.scopes[open[open.length - 1]].bodyEnd < span.bodyEnd) open.pop();
      span.parent = open.length ? open[open.length - 1] : -1;
      open.push(i);
    });
  }

  enclosingFunction(node: Node): Node | undefined {
    const scope = this.scopeOf(node);
    return scope.type === 'function_definition' ? scope : undefined;
  }

  private key(scope: Node, name: string): string {
    return `${scope.id}:${name}`;
  }

  private add(scope: Node, binding: Binding): void {
    const key = this.key(scope, binding.name);
    const list = this.bindings.get(key);
    if (list) list.push(binding);
    else this.bindings.set(key, [binding]);
  }

  private record(node: Node): void {
    switch (node.type) {
      case 'import_statement':
        for (const child of node.namedChildren) {
          if (!child) continue;
          if (child.type === 'dotted_name') {
            const full = child.text;
            this.importedModules.add(full);
            const first = full.split('.')[0];
            this.add(this.scopeOf(node), { kind: 'import', name: first, at: node.startIndex, qualifiedName: first, node });
          } else if (child.type === 'aliased_import') {
            const full = child.childForFieldName('name')?.text ?? '';
            const alias = child.childForFieldName('alias')?.text ?? '';
            this.importedModules.add(full);
            this.add(this.scopeOf(node), { kind: 'import', name: alias, at: node.startIndex, qualifiedName: full, node });
          }
        }
        return;
      case 'import_from_statement': {
        const moduleNode = node.childForFieldName('module_name');
        if (!moduleNode) return;
        const module = moduleNode.text;
        this.importedModules.add(module);
        for (const child of node.childrenForFieldName('name')) {
          if (!child) continue;
          if (child.type === 'dotted_name') {
            this.add(this.scopeOf(node), { kind: 'import', name: child.text, at: node.startIndex, qualifiedName: `${module}.${child.text}`, node });
          } else if (child.type === 'aliased_import') {
            const name = child.childForFieldName('name')?.text ?? '';
            const alias = child.childForFieldName('alias')?.text ?? '';
            this.add(this.scopeOf(node), { kind: 'import', name: alias, at: node.startIndex, qualifiedName: `${module}.${name}`, node });
          }
        }
        return;
      }
      case 'assignment': {
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        if (!left || !right) return;
        this.recordTargets(left, right, node);
        return;
      }
      case 'augmented_assignment': {
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        const operator = node.childForFieldName('operator')?.text ?? '';
        if (left?.type === 'identifier' && right) {
          this.add(this.scopeOf(node), { kind: 'augmented', name: left.text, at: node.startIndex, value: right, operator, node });
        }
        return;
      }
      case 'function_definition': {
        const name = node.childForFieldName('name');
        if (name) this.add(this.scopeOf(node), { kind: 'function', name: name.text, at: node.startIndex, node });
        const parameters = node.childForFieldName('parameters');
        for (const parameter of parameters?.namedChildren ?? []) {
          const parameterName = parameter && parameterNameOf(parameter);
          if (parameterName) {
            this.add(node, { kind: 'parameter', name: parameterName, at: node.startIndex, node: parameter!, function: node });
          }
        }
        return;
      }
      case 'class_definition': {
        const name = node.childForFieldName('name');
        if (name) this.add(this.scopeOf(node), { kind: 'class', name: name.text, at: node.startIndex, node });
        return;
      }
      case 'for_statement': {
        const left = node.childForFieldName('left');
        if (left?.type === 'identifier') {
          this.add(this.scopeOf(node), { kind: 'loop', name: left.text, at: node.startIndex, value: node.childForFieldName('right') ?? undefined, node });
        }
        return;
      }
      case 'with_item': {
        const value = node.childForFieldName('value');
        if (value?.type === 'as_pattern') {
          const target = value.childForFieldName('alias')?.namedChildren[0] ?? value.namedChildren[1];
          const expression = value.namedChildren[0];
          if (target?.type === 'identifier' && expression) {
            this.add(this.scopeOf(node), { kind: 'with', name: target.text, at: node.startIndex, value: expression, node });
          }
        }
        return;
      }
    }
  }

  private recordTargets(left: Node, right: Node, statement: Node): void {
    if (left.type === 'identifier') {
      this.add(this.scopeOf(statement), { kind: 'assignment', name: left.text, at: statement.startIndex, value: right, node: statement });
      return;
    }
    if ((left.type === 'pattern_list' || left.type === 'tuple_pattern') && (right.type === 'expression_list' || right.type === 'tuple')) {
      const targets = left.namedChildren;
      const values = right.namedChildren;
      if (targets.length !== values.length) return;
      targets.forEach((target, i) => {
        if (target && values[i]) this.recordTargets(target, values[i]!, statement);
      });
    }
    // Chained assignment: a = b = value.
    if (right.type === 'assignment') {
      const value = right.childForFieldName('right');
      if (value) this.recordTargets(left, value, statement);
    }
  }

  /** The binding of `name` that is in force at `at`: the latest one before it in the same scope, else the module's. */
  bindingAt(name: string, at: Node): Binding | undefined {
    const scope = this.scopeOf(at);
    const local = this.latestBefore(this.bindings.get(this.key(scope, name)), at.startIndex);
    if (local !== null) return local;
    if (scope === this.root) return undefined;
    // Module-level names are read when the function runs, so any module binding counts; prefer the last before use.
    const moduleBindings = this.bindings.get(this.key(this.root, name));
    if (!moduleBindings?.length) return undefined;
    return this.latestBefore(moduleBindings, at.startIndex) ?? moduleBindings[moduleBindings.length - 1];
  }

  /** Latest binding before `at`; `null` when the scope has no binding of the name at all, `undefined` when only later ones. */
  private latestBefore(list: Binding[] | undefined, at: number): Binding | undefined | null {
    if (!list?.length) return null;
    let found: Binding | undefined;
    for (const binding of list) {
      if (binding.at < at) found = binding;
      else break;
    }
    return found;
  }

  /** True when the name is bound anywhere in the scope of `at` or the module. */
  isBound(name: string, at: Node): boolean {
    return this.bindings.has(this.key(this.scopeOf(at), name)) || this.bindings.has(this.key(this.root, name));
  }

  // ---- qualified names ----

  /**
   * `from subprocess import run as r; r(...)` → `subprocess.run`; `import os as o; o.path.join` →
   * `os.path.join`; an unshadowed builtin `open` → `builtins.open`. Undefined when not resolvable.
   */
  qualifiedName(node: Node | null | undefined): string | undefined {
    if (!node) return undefined;
    if (node.type === 'identifier') {
      const binding = this.bindingAt(node.text, node);
      if (binding?.kind === 'import') return binding.qualifiedName;
      if (!binding && !this.isBound(node.text, node) && builtinNames.has(node.text)) return `builtins.${node.text}`;
      return undefined;
    }
    if (node.type === 'attribute') {
      const base = this.qualifiedName(node.childForFieldName('object'));
      const attribute = node.childForFieldName('attribute')?.text;
      return base && attribute ? `${base}.${attribute}` : undefined;
    }
    return undefined;
  }

  /** Qualified name of a call's callee. */
  calleeName(call: Node): string | undefined {
    // Every rule visits every call and asks this first: resolve each call once per analysis.
    if (this.calleeCache.has(call.id)) return this.calleeCache.get(call.id);
    const name = this.qualifiedName(call.childForFieldName('function'));
    this.calleeCache.set(call.id, name);
    return name;
  }

  /**
   * Follows names to the calls that produced them: `conn = sqlite3.connect(p); cur = conn.cursor()`
   * makes `cur` resolve to `sqlite3.connect().cursor()`.
   */
  resolvedPath(node: Node | null | undefined, depth = 0): string | undefined {
    if (!node || depth > MAX_DEPTH) return undefined;
    switch (node.type) {
      case 'identifier': {
        const binding = this.bindingAt(node.text, node);
        if (!binding) return this.qualifiedName(node);
        if (binding.kind === 'import') return binding.qualifiedName;
        if ((binding.kind === 'assignment' || binding.kind === 'with') && binding.value) return this.resolvedPath(binding.value, depth + 1);
        return undefined;
      }
      case 'attribute': {
        const base = this.resolvedPath(node.childForFieldName('object'), depth + 1);
        const attribute = node.childForFieldName('attribute')?.text;
        return base && attribute ? `${base}.${attribute}` : undefined;
      }
      case 'call': {
        const callee = this.resolvedPath(node.childForFieldName('function'), depth + 1);
        return callee ? `${callee}()` : undefined;
      }
      case 'parenthesized_expression':
        return this.resolvedPath(node.namedChildren[0], depth + 1);
      default:
        return undefined;
    }
  }

  // ---- values ----

  /** How a string expression was built: literal text and the holes where other values go in. */
  stringShape(node: Node): StringShape {
    let shape = this.shapeCache.get(node.id);
    if (!shape) {
      shape = stringShapeOf(node, this, 0);
      this.shapeCache.set(node.id, shape);
    }
    return shape;
  }

  /** The value a plain name holds at `node`, when it was assigned exactly once before in reach. */
  assignedValue(identifier: Node): Node | undefined {
    const binding = this.bindingAt(identifier.text, identifier);
    return binding?.kind === 'assignment' ? binding.value : undefined;
  }

  /**
   * Where a value may have come from. A first, local approximation of taint: request data,
   * parameters of the enclosing function, `input()`, constants, or unknown.
   */
  origins(node: Node, depth = 0, seen = new Set<number>()): Set<Origin> {
    const result = this.collectOrigins(node, depth, seen);
    // A value is constant only when every part of it is.
    if (result.size > 1) result.delete('constant');
    return result;
  }

  private collectOrigins(node: Node, depth: number, seen: Set<number>): Set<Origin> {
    const result = new Set<Origin>();
    if (depth > MAX_DEPTH || seen.has(node.id)) return result;
    seen.add(node.id);
    switch (node.type) {
      case 'integer':
      case 'float':
      case 'true':
      case 'false':
      case 'none':
        result.add('constant');
        return result;
      case 'string':
      case 'concatenated_string': {
        const shape = this.stringShape(node);
        // A bytes literal (never an f-string in Python, never mixed with str) is a constant.
        if (!shape.isString || shape.holes.length === 0) {
          result.add('constant');
          return result;
        }
        for (const hole of shape.holes) for (const origin of this.origins(hole.expression, depth + 1, seen)) result.add(origin);
        return result;
      }
      case 'identifier': {
        const binding = this.bindingAt(node.text, node);
        if (!binding) {
          result.add('unknown');
        } else if (binding.kind === 'parameter') {
          result.add(requestParameterNames.has(binding.name) ? 'request' : 'parameter');
        } else if (binding.kind === 'import') {
          result.add(requestRoots.some((root) => binding.qualifiedName === root) ? 'request' : 'unknown');
        } else if (binding.kind === 'assignment' || binding.kind === 'augmented' || binding.kind === 'loop' || binding.kind === 'with') {
          if (binding.value) for (const origin of this.origins(binding.value, depth + 1, seen)) result.add(origin);
          if (binding.kind === 'augmented') {
            const earlier = this.bindingAt(node.text, binding.node);
            if (earlier?.kind === 'parameter') result.add('parameter');
          }
        } else result.add('unknown');
        return result;
      }
      case 'call': {
        const callee = this.calleeName(node);
        if (callee === 'builtins.input') {
          result.add('input');
          return result;
        }
        if (callee && sanitizingCalls.has(callee)) {
          result.add('constant');
          return result;
        }
        const fn = node.childForFieldName('function');
        if (fn?.type === 'attribute') {
          for (const origin of this.origins(fn.childForFieldName('object')!, depth + 1, seen)) result.add(origin);
        }
        for (const argument of node.childForFieldName('arguments')?.namedChildren ?? []) {
          if (!argument) continue;
          const value = argument.type === 'keyword_argument' ? argument.childForFieldName('value') : argument;
          if (value) for (const origin of this.origins(value, depth + 1, seen)) result.add(origin);
        }
        if (result.size === 0) result.add('unknown');
        return result;
      }
      case 'attribute':
      case 'subscript': {
        const base = node.type === 'attribute' ? node.childForFieldName('object') : node.childForFieldName('value');
        if (base) for (const origin of this.origins(base, depth + 1, seen)) result.add(origin);
        const qualified = this.qualifiedName(node);
        if (qualified && requestRoots.some((root) => qualified.startsWith(root))) result.add('request');
        return result;
      }
      default: {
        const shape = this.stringShape(node);
        if (shape.isString) {
          if (shape.holes.length === 0) result.add('constant');
          for (const hole of shape.holes) for (const origin of this.origins(hole.expression, depth + 1, seen)) result.add(origin);
          return result;
        }
        for (const child of node.namedChildren) {
          if (child && child.type !== 'comment') for (const origin of this.origins(child, depth + 1, seen)) result.add(origin);
        }
        if (result.size === 0) result.add('unknown');
        return result;
      }
    }
  }
}

/** Calls whose result cannot carry a path or a query fragment an attacker controls. */
const sanitizingCalls: ReadonlySet<string> = new Set([
  'builtins.int', 'builtins.float', 'builtins.bool', 'builtins.len', 'uuid.UUID', 'uuid.uuid4',
  'os.path.basename', 'werkzeug.utils.secure_filename', 'werkzeug.secure_filename',
]);

function parameterNameOf(parameter: Node): string | undefined {
  switch (parameter.type) {
    case 'identifier':
      return parameter.text;
    case 'typed_parameter':
    case 'list_splat_pattern':
    case 'dictionary_splat_pattern':
      return parameter.namedChildren.find((child) => child?.type === 'identifier')?.text;
    case 'default_parameter':
    case 'typed_default_parameter':
      return parameter.childForFieldName('name')?.text;
    default:
      return undefined;
  }
}
