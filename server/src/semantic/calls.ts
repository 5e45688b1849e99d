import type { Node } from '../parser/parser';
import type { ModelView } from './model';

/**
 * What rules ask about a call, read from the tree once per call node. The engine hands the same
 * node object to every rule that visits calls, so most rules ask about a call already read: each
 * answer here would otherwise cost several crossings into WebAssembly and a new node object.
 */
interface CallParts {
  function?: Node | null;
  argumentList?: Node | null;
  method?: string | null;
  arguments?: readonly Node[];
  /** The first `name=value` argument of each name. */
  keywords?: Map<string, Node>;
  keywordValues?: Map<string, Node | null>;
  /** The positional arguments before the first `*splat` (whose positions are known). */
  positional?: readonly Node[];
}

const partsByCall = new WeakMap<Node, CallParts>();

function partsOf(call: Node): CallParts {
  let parts = partsByCall.get(call);
  if (!parts) {
    parts = {};
    partsByCall.set(call, parts);
  }
  return parts;
}

/** The called expression: `os.system` in `os.system(cmd)`. */
export function calledFunction(call: Node): Node | undefined {
  const parts = partsOf(call);
  if (parts.function === undefined) parts.function = call.childForFieldName('function');
  return parts.function ?? undefined;
}

/** The parenthesised arguments of a call (an `argument_list`, or the generator of `f(x for x in y)`). */
export function argumentList(call: Node): Node | undefined {
  const parts = partsOf(call);
  if (parts.argumentList === undefined) parts.argumentList = call.childForFieldName('arguments');
  return parts.argumentList ?? undefined;
}

/** The method name when `call` is `something.method(...)`: `execute` in `cursor.execute(sql)`. */
export function methodName(call: Node): string | undefined {
  const parts = partsOf(call);
  if (parts.method === undefined) {
    const fn = calledFunction(call);
    parts.method = (fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined) ?? null;
  }
  return parts.method ?? undefined;
}

/** A call's arguments in order, without comments. */
export function argumentsOf(call: Node): readonly Node[] {
  const parts = partsOf(call);
  parts.arguments ??= (argumentList(call)?.namedChildren ?? []).filter((n): n is Node => !!n && n.type !== 'comment');
  return parts.arguments;
}

function keywordsOf(call: Node): Map<string, Node> {
  const parts = partsOf(call);
  if (!parts.keywords) {
    parts.keywords = new Map();
    for (const arg of argumentsOf(call)) {
      if (arg.type !== 'keyword_argument') continue;
      const name = arg.childForFieldName('name')?.text;
      if (name !== undefined && !parts.keywords.has(name)) parts.keywords.set(name, arg);
    }
  }
  return parts.keywords;
}

/** The `name=value` argument node of a call, if written. */
export function keywordArgument(call: Node, name: string): Node | undefined {
  return keywordsOf(call).get(name);
}

/** The value of `name=value`, if written. */
export function keywordValue(call: Node, name: string): Node | undefined {
  const parts = partsOf(call);
  parts.keywordValues ??= new Map();
  let value = parts.keywordValues.get(name);
  if (value === undefined) {
    value = keywordArgument(call, name)?.childForFieldName('value') ?? null;
    parts.keywordValues.set(name, value);
  }
  return value ?? undefined;
}

/**
 * The positional argument at `index`, when its position is known: the arguments before the first
 * `*splat` have theirs (`a` is 0 in `f(a, *rest)`); any after it may be at any position.
 */
export function positionalArgument(call: Node, index: number): Node | undefined {
  const parts = partsOf(call);
  if (parts.positional === undefined) {
    const positional: Node[] = [];
    for (const arg of argumentsOf(call)) {
      if (arg.type === 'keyword_argument' || arg.type === 'dictionary_splat') continue;
      if (arg.type === 'list_splat') break;
      positional.push(arg);
    }
    parts.positional = positional;
  }
  return parts.positional[index];
}

/**
 * The argument of a parameter that may be passed by name or by position: the value of `name=`
 * when written, else the positional argument at `index` (see `positionalArgument`). What a `*args`
 * or `**kwargs` may hold is not looked into: ask `hasSplat`.
 */
export function argumentValue(call: Node, index: number, name?: string): Node | undefined {
  return (name === undefined ? undefined : keywordValue(call, name)) ?? positionalArgument(call, index);
}

/**
 * A call's arguments as Python binds them, read once per call (like Ruff's `call.arguments`). The
 * functions above answer the same questions for a call node; this is the same, as one value.
 */
export interface CallArguments {
  readonly call: Node;
  /** Every argument in order, without comments. */
  readonly all: readonly Node[];
  /** The value of `name=value`, when written. */
  keyword(name: string): Node | undefined;
  /** The `name=value` argument itself. */
  keywordArgument(name: string): Node | undefined;
  /** The argument at position `index`, when its position is known (none after a `*splat`). */
  positional(index: number): Node | undefined;
  /** The value of `name=` when written, else the argument at position `index`. */
  find(index: number, name?: string): Node | undefined;
  /** True when `*args` or `**kwargs` is passed, so any parameter may be set without being written. */
  readonly hasSplat: boolean;
}

export function callArguments(call: Node): CallArguments {
  return {
    call,
    get all() {
      return argumentsOf(call);
    },
    keyword: (name) => keywordValue(call, name),
    keywordArgument: (name) => keywordArgument(call, name),
    positional: (index) => positionalArgument(call, index),
    find: (index, name) => argumentValue(call, index, name),
    get hasSplat() {
      return hasSplat(call);
    },
  };
}

/** True when the call passes `*args` or `**kwargs`, so any keyword may be set without being written. */
export function hasSplat(call: Node): boolean {
  return argumentsOf(call).some((arg) => arg.type === 'list_splat' || arg.type === 'dictionary_splat');
}

/** The constant string a value holds, in its source escaping: a literal, or a name assigned from one. */
export function constantString(model: ModelView, node: Node | undefined): string | undefined {
  if (!node) return undefined;
  const shape = model.stringShape(node);
  return shape.isString && shape.exact && shape.holes.length === 0 ? shape.template() : undefined;
}

/** `constantString` of a string literal written at the node itself (without interpolation); undefined for a name. */
export function literalString(model: ModelView, node: Node | undefined): string | undefined {
  return node?.type === 'string' || node?.type === 'concatenated_string' ? constantString(model, node) : undefined;
}

/** True when every value the expression is built from is a constant. */
export function isConstant(model: ModelView, node: Node): boolean {
  const origins = model.origins(node);
  return origins.size === 1 && origins.has('constant');
}

/** Decorators of a function (through its `decorated_definition`). */
export function decoratorsOf(fn: Node): Node[] {
  const parent = fn.parent;
  if (parent?.type !== 'decorated_definition') return [];
  return parent.namedChildren.filter((n): n is Node => n?.type === 'decorator');
}

/** The expression of a decorator: `app.route("/x", methods=["POST"])` for `@app.route(...)`. */
export function decoratorExpression(decorator: Node): Node | undefined {
  return decorator.namedChildren.find((n) => n && n.type !== 'comment') ?? undefined;
}

/**
 * The qualified name an identifier or attribute refers to when it is a whole reference: not the
 * object of a longer attribute (`ssl` in `ssl.CERT_NONE`), not the attribute part of one, and not
 * inside an import statement.
 */
export function referenceName(model: ModelView, node: Node): string | undefined {
  const parent = node.parent;
  if (!parent || parent.type === 'dotted_name' || parent.type === 'aliased_import' || parent.type.startsWith('import'))
    return undefined;
  if (parent.type === 'attribute') {
    if (parent.childForFieldName('object')?.id === node.id) return undefined;
    if (node.type === 'identifier') return undefined;
  }
  if (parent.type === 'keyword_argument' && parent.childForFieldName('name')?.id === node.id) return undefined;
  return model.qualifiedName(node);
}
