import type { Node } from '../../parser/parser';

/** A Python value the analysis can compute without running the program. */
export type Constant =
  | { type: 'int'; value: bigint }
  | { type: 'float'; value: number }
  | { type: 'str'; value: string }
  | { type: 'bytes'; value: string }
  | { type: 'bool'; value: boolean }
  | { type: 'none' }
  | { type: 'tuple' | 'list' | 'set'; items: Constant[] }
  | { type: 'dict'; entries: [Constant, Constant][] };

/** What names stand for where they are read. */
export interface ConstantEnvironment {
  /** The constant a name holds where it is read (`LIMIT` bound once to `20`), or undefined. */
  name(identifier: Node, depth: number): Constant | undefined;
  /** True when the name is Python's builtin of that name (not rebound in the file). */
  builtin(identifier: Node): boolean;
}

const MAX_DEPTH = 24;
const MAX_LENGTH = 10_000;

const int = (value: bigint): Constant => ({ type: 'int', value });
const str = (value: string): Constant => ({ type: 'str', value });
const bool = (value: boolean): Constant => ({ type: 'bool', value });

/** Python's truth value of a constant. */
export function truthy(c: Constant): boolean {
  switch (c.type) {
    case 'int':
      return c.value !== 0n;
    case 'float':
      return c.value !== 0;
    case 'str':
    case 'bytes':
      return c.value.length > 0;
    case 'bool':
      return c.value;
    case 'none':
      return false;
    case 'dict':
      return c.entries.length > 0;
    default:
      return c.items.length > 0;
  }
}

/** The key a constant has in a mapping shape (`s:name`, `i:0`); undefined for keys that are not simple. */
export function keyOf(c: Constant | undefined): string | undefined {
  if (!c) return undefined;
  if (c.type === 'str') return `s:${c.value}`;
  if (c.type === 'int') return `i:${c.value}`;
  if (c.type === 'bool') return `i:${c.value ? 1 : 0}`;
  return undefined;
}

/** The integer a constant stands for (booleans included), or undefined. */
export function intOf(c: Constant | undefined): bigint | undefined {
  if (c?.type === 'int') return c.value;
  if (c?.type === 'bool') return c.value ? 1n : 0n;
  return undefined;
}

function numberOf(c: Constant): number | undefined {
  if (c.type === 'float') return c.value;
  const i = intOf(c);
  return i === undefined ? undefined : Number(i);
}

export function equalConstants(a: Constant, b: Constant): boolean | undefined {
  const x = numberOf(a);
  const y = numberOf(b);
  if (x !== undefined && y !== undefined) {
    const i = intOf(a);
    const j = intOf(b);
    return i !== undefined && j !== undefined ? i === j : x === y;
  }
  if (x !== undefined || y !== undefined)
    return a.type === 'none' || b.type === 'none' || a.type === 'str' || b.type === 'str' ? false : undefined;
  if (a.type !== b.type) {
    const sequences = ['tuple', 'list', 'set'];
    return sequences.includes(a.type) && sequences.includes(b.type)
      ? false
      : a.type === 'none' || b.type === 'none' || a.type === 'str' || b.type === 'str'
        ? false
        : undefined;
  }
  switch (a.type) {
    case 'none':
      return true;
    case 'str':
    case 'bytes':
      return a.value === (b as typeof a).value;
    case 'tuple':
    case 'list': {
      const other = b as typeof a;
      if (a.items.length !== other.items.length) return false;
      for (let i = 0; i < a.items.length; i++) {
        const same = equalConstants(a.items[i], other.items[i]);
        if (same !== true) return same;
      }
      return true;
    }
    default:
      return undefined;
  }
}

function compare(a: Constant, b: Constant): number | undefined {
  const x = numberOf(a);
  const y = numberOf(b);
  if (x !== undefined && y !== undefined) {
    const i = intOf(a);
    const j = intOf(b);
    if (i !== undefined && j !== undefined) return i < j ? -1 : i > j ? 1 : 0;
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if ((a.type === 'str' && b.type === 'str') || (a.type === 'bytes' && b.type === 'bytes'))
    return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
  return undefined;
}

function contains(container: Constant, item: Constant): boolean | undefined {
  if (container.type === 'str' || container.type === 'bytes') {
    return item.type === container.type ? container.value.includes(item.value) : undefined;
  }
  const elements =
    container.type === 'dict'
      ? container.entries.map(([key]) => key)
      : container.type === 'tuple' || container.type === 'list' || container.type === 'set'
        ? container.items
        : undefined;
  if (!elements) return undefined;
  let unsure = false;
  for (const element of elements) {
    const same = equalConstants(element, item);
    if (same === true) return true;
    if (same === undefined) unsure = true;
  }
  return unsure ? undefined : false;
}

/** `str(c)` as Python writes it, for the constants whose text is certain. */
export function textOf(c: Constant): string | undefined {
  switch (c.type) {
    case 'str':
      return c.value;
    case 'int':
      return c.value.toString();
    case 'bool':
      return c.value ? 'True' : 'False';
    case 'none':
      return 'None';
    case 'float':
      return Number.isInteger(c.value) && Math.abs(c.value) < 1e16 ? `${c.value}.0` : undefined;
    default:
      return undefined;
  }
}

const simpleEscapes: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '0': '\0',
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
  '\n': '',
};

function unescape(text: string): string | undefined {
  if (text.startsWith('\\x') || text.startsWith('\\u') || text.startsWith('\\U'))
    return String.fromCodePoint(parseInt(text.slice(2), 16));
  return simpleEscapes[text.slice(1)];
}

/** Python's integer literal syntax (`0x1F`, `1_000`). */
function parseInteger(text: string): bigint | undefined {
  const clean = text.replace(/_/g, '');
  if (/[jJ]$/.test(clean) || /[lL]$/.test(clean)) return undefined;
  try {
    if (/^0[oO]/.test(clean)) return BigInt(`0o${clean.slice(2)}`);
    if (/^0[bB]/.test(clean)) return BigInt(`0b${clean.slice(2)}`);
    return BigInt(clean);
  } catch {
    return undefined;
  }
}

const stringMethods: Record<string, (self: string, args: Constant[]) => Constant | undefined> = {
  upper: (s) => str(s.toUpperCase()),
  lower: (s) => str(s.toLowerCase()),
  casefold: (s) => str(s.toLowerCase()),
  strip: (s, [chars]) => (chars ? stripWith(s, chars, true, true) : str(s.trim())),
  lstrip: (s, [chars]) => (chars ? stripWith(s, chars, true, false) : str(s.trimStart())),
  rstrip: (s, [chars]) => (chars ? stripWith(s, chars, false, true) : str(s.trimEnd())),
  replace: (s, [a, b]) => (a?.type === 'str' && b?.type === 'str' ? str(s.split(a.value).join(b.value)) : undefined),
  startswith: (s, [p]) => (p?.type === 'str' ? bool(s.startsWith(p.value)) : undefined),
  endswith: (s, [p]) => (p?.type === 'str' ? bool(s.endsWith(p.value)) : undefined),
  isdigit: (s) => bool(/^[0-9]+$/.test(s)),
  isdecimal: (s) => bool(/^[0-9]+$/.test(s)),
  isalpha: (s) => bool(/^[a-zA-Z]+$/.test(s)),
  isalnum: (s) => bool(/^[a-zA-Z0-9]+$/.test(s)),
  find: (s, [p]) => (p?.type === 'str' ? int(BigInt(s.indexOf(p.value))) : undefined),
  count: (s, [p]) => (p?.type === 'str' && p.value ? int(BigInt(s.split(p.value).length - 1)) : undefined),
  split: (s, args) => {
    if (args.length === 0) return { type: 'list', items: s.split(/\s+/).filter(Boolean).map(str) };
    const [sep] = args;
    return args.length === 1 && sep.type === 'str' && sep.value
      ? { type: 'list', items: s.split(sep.value).map(str) }
      : undefined;
  },
  join: (s, [items]) => {
    if (!items || !('items' in items)) return undefined;
    if (!items.items.every((item) => item.type === 'str')) return undefined;
    return str(items.items.map((item) => (item as { value: string }).value).join(s));
  },
  format: (s, args) => {
    let i = 0;
    let ok = true;
    const out = s.replace(/\{\{|\}\}|\{(\d*)\}/g, (match, index: string) => {
      if (match === '{{') return '{';
      if (match === '}}') return '}';
      const arg = args[index === '' ? i++ : Number(index)];
      const text = arg && textOf(arg);
      if (text === undefined) ok = false;
      return text ?? '';
    });
    return ok ? str(out) : undefined;
  },
};

function stripWith(s: string, chars: Constant, left: boolean, right: boolean): Constant | undefined {
  if (chars.type === 'none') return str(left && right ? s.trim() : left ? s.trimStart() : s.trimEnd());
  if (chars.type !== 'str') return undefined;
  let start = 0;
  let end = s.length;
  if (left) while (start < end && chars.value.includes(s[start])) start++;
  if (right) while (end > start && chars.value.includes(s[end - 1])) end--;
  return str(s.slice(start, end));
}

/** Python's index of `i` in a sequence of `length` elements (negative from the end); undefined when out of range. */
export function indexIn(i: bigint, length: number): number | undefined {
  const n = Number(i);
  const at = n < 0 ? length + n : n;
  return at >= 0 && at < length ? at : undefined;
}

/** `[start:stop]` of a sequence of `length` elements (no step), as Python clamps it. */
export function sliceBounds(start: bigint | undefined, stop: bigint | undefined, length: number): [number, number] {
  const clamp = (value: bigint | undefined, fallback: number) => {
    if (value === undefined) return fallback;
    const n = Number(value);
    return Math.max(0, Math.min(length, n < 0 ? length + n : n));
  };
  const from = clamp(start, 0);
  return [from, Math.max(from, clamp(stop, length))];
}

/**
 * Evaluates what a Python expression computes when it is built from constants: arithmetic,
 * comparisons, boolean operators, `in`, string methods, slicing and indexing, f-strings, and names
 * the resolver knows. Undefined whenever the value is not certain.
 */
export function evaluate(node: Node | null | undefined, env: ConstantEnvironment, depth = 0): Constant | undefined {
  if (!node || depth > MAX_DEPTH) return undefined;
  const next = (child: Node | null | undefined) => evaluate(child, env, depth + 1);
  switch (node.type) {
    case 'integer': {
      const value = parseInteger(node.text);
      return value === undefined ? undefined : int(value);
    }
    case 'float': {
      if (/[jJ]$/.test(node.text)) return undefined;
      const value = Number(node.text.replace(/_/g, ''));
      return Number.isNaN(value) ? undefined : { type: 'float', value };
    }
    case 'true':
      return bool(true);
    case 'false':
      return bool(false);
    case 'none':
      return { type: 'none' };
    case 'parenthesized_expression':
      return node.namedChildCount === 1 ? next(node.namedChildren[0]) : undefined;
    case 'string':
      return stringValue(node, next);
    case 'concatenated_string': {
      let text = '';
      let type: 'str' | 'bytes' | undefined;
      for (const part of node.namedChildren) {
        const value = next(part);
        if (!value || (value.type !== 'str' && value.type !== 'bytes') || (type && type !== value.type))
          return undefined;
        type = value.type;
        text += value.value;
      }
      return type ? { type, value: text } : undefined;
    }
    case 'identifier':
      return env.name(node, depth + 1);
    case 'not_operator': {
      const value = next(node.childForFieldName('argument'));
      return value && bool(!truthy(value));
    }
    case 'unary_operator': {
      const value = next(node.childForFieldName('argument'));
      const operator = node.childForFieldName('operator')?.text;
      if (!value) return undefined;
      const i = intOf(value);
      if (i !== undefined)
        return operator === '-' ? int(-i) : operator === '+' ? int(i) : operator === '~' ? int(-i - 1n) : undefined;
      if (value.type === 'float')
        return operator === '-' ? { type: 'float', value: -value.value } : operator === '+' ? value : undefined;
      return undefined;
    }
    case 'boolean_operator': {
      const left = next(node.childForFieldName('left'));
      if (!left) return undefined;
      const operator = node.childForFieldName('operator')?.text;
      if (operator === 'and') return truthy(left) ? next(node.childForFieldName('right')) : left;
      return truthy(left) ? left : next(node.childForFieldName('right'));
    }
    case 'conditional_expression': {
      const [consequence, condition, alternative] = node.namedChildren;
      const test = next(condition);
      if (!test) return undefined;
      return truthy(test) ? next(consequence) : next(alternative);
    }
    case 'binary_operator':
      return binary(node.childForFieldName('operator')?.text ?? '', next(node.childForFieldName('left')), () =>
        next(node.childForFieldName('right')),
      );
    case 'comparison_operator':
      return comparison(node, next);
    case 'list':
    case 'tuple':
    case 'set': {
      const items: Constant[] = [];
      for (const child of node.namedChildren) {
        if (!child || child.type === 'comment') continue;
        const value = next(child);
        if (!value) return undefined;
        items.push(value);
      }
      return { type: node.type, items };
    }
    case 'dictionary': {
      const entries: [Constant, Constant][] = [];
      for (const pair of node.namedChildren) {
        if (!pair || pair.type === 'comment') continue;
        if (pair.type !== 'pair') return undefined;
        const key = next(pair.childForFieldName('key'));
        const value = next(pair.childForFieldName('value'));
        if (!key || !value) return undefined;
        entries.push([key, value]);
      }
      return { type: 'dict', entries };
    }
    case 'subscript': {
      const base = next(node.childForFieldName('value'));
      const index = node.childForFieldName('subscript');
      if (!base || !index || node.childrenForFieldName('subscript').length !== 1) return undefined;
      return subscriptOf(base, index, next);
    }
    case 'call':
      return callOf(node, next, env);
    default:
      return undefined;
  }
}

function stringValue(node: Node, next: (n: Node | null | undefined) => Constant | undefined): Constant | undefined {
  const start = node.firstChild?.text ?? '"';
  const prefix = (/^[a-zA-Z]*/.exec(start)?.[0] ?? '').toLowerCase();
  const raw = prefix.includes('r');
  let text = '';
  for (const child of node.namedChildren) {
    if (!child) continue;
    if (child.type === 'string_content') {
      // Escape sequences sit inside the content.
      let at = child.startIndex;
      for (const escape of child.namedChildren) {
        if (!escape) continue;
        if (escape.type !== 'escape_sequence') return undefined;
        text += child.text.slice(at - child.startIndex, escape.startIndex - child.startIndex);
        const value = raw ? escape.text : unescape(escape.text);
        if (value === undefined) return undefined;
        text += value;
        at = escape.endIndex;
      }
      text += child.text.slice(at - child.startIndex);
    } else if (child.type === 'escape_sequence') {
      const value = raw ? child.text : unescape(child.text);
      if (value === undefined) return undefined;
      text += value;
    } else if (child.type === 'interpolation') {
      if (child.childForFieldName('format_specifier') || child.childForFieldName('type_conversion')) return undefined;
      const value = next(child.childForFieldName('expression'));
      const part = value && textOf(value);
      if (part === undefined) return undefined;
      text += part;
    } else if (child.type !== 'string_start' && child.type !== 'string_end') return undefined;
    if (text.length > MAX_LENGTH) return undefined;
  }
  if (prefix.includes('f')) text = text.replace(/\{\{/g, '{').replace(/\}\}/g, '}');
  return prefix.includes('b') ? { type: 'bytes', value: text } : str(text);
}

function binary(
  operator: string,
  left: Constant | undefined,
  rightOf: () => Constant | undefined,
): Constant | undefined {
  if (!left) return undefined;
  const right = rightOf();
  if (!right) return undefined;
  const i = intOf(left);
  const j = intOf(right);
  if (i !== undefined && j !== undefined) {
    switch (operator) {
      case '+':
        return int(i + j);
      case '-':
        return int(i - j);
      case '*':
        return int(i * j);
      case '//':
        return j === 0n ? undefined : int(floorDiv(i, j));
      case '%':
        return j === 0n ? undefined : int(i - floorDiv(i, j) * j);
      case '**':
        return j >= 0n && j < 256n ? int(i ** j) : undefined;
      case '/':
        return j === 0n ? undefined : { type: 'float', value: Number(i) / Number(j) };
      case '<<':
        return j >= 0n && j < 256n ? int(i << j) : undefined;
      case '>>':
        return j >= 0n ? int(i >> j) : undefined;
      case '&':
        return int(i & j);
      case '|':
        return int(i | j);
      case '^':
        return int(i ^ j);
      default:
        return undefined;
    }
  }
  const x = numberOf(left);
  const y = numberOf(right);
  if (x !== undefined && y !== undefined) {
    switch (operator) {
      case '+':
        return { type: 'float', value: x + y };
      case '-':
        return { type: 'float', value: x - y };
      case '*':
        return { type: 'float', value: x * y };
      case '/':
        return y === 0 ? undefined : { type: 'float', value: x / y };
      default:
        return undefined;
    }
  }
  if (left.type === 'str' || left.type === 'bytes') {
    if (operator === '+' && right.type === left.type) {
      const value = left.value + right.value;
      return value.length > MAX_LENGTH ? undefined : { type: left.type, value };
    }
    if (operator === '*' && j !== undefined && j >= 0n && BigInt(left.value.length) * j <= MAX_LENGTH)
      return { type: left.type, value: left.value.repeat(Number(j)) };
    return undefined;
  }
  if ((left.type === 'list' || left.type === 'tuple') && operator === '+' && right.type === left.type)
    return { type: left.type, items: [...left.items, ...right.items] };
  return undefined;
}

function floorDiv(i: bigint, j: bigint): bigint {
  const q = i / j;
  return i % j !== 0n && i < 0n !== j < 0n ? q - 1n : q;
}

function comparison(node: Node, next: (n: Node | null | undefined) => Constant | undefined): Constant | undefined {
  const operands = node.namedChildren.filter((c): c is Node => !!c);
  const operators: string[] = [];
  let pending = '';
  for (const child of node.children) {
    if (!child || child.isNamed) {
      if (pending) operators.push(pending);
      pending = '';
      continue;
    }
    pending = pending ? `${pending} ${child.text}` : child.text;
  }
  if (operators.length !== operands.length - 1) return undefined;
  let left = next(operands[0]);
  for (let k = 0; k < operators.length; k++) {
    const right = next(operands[k + 1]);
    if (!left || !right) return undefined;
    let result: boolean | undefined;
    switch (operators[k]) {
      case '==':
        result = equalConstants(left, right);
        break;
      case '!=': {
        const same = equalConstants(left, right);
        result = same === undefined ? undefined : !same;
        break;
      }
      case '<':
      case '>':
      case '<=':
      case '>=': {
        const order = compare(left, right);
        if (order === undefined) return undefined;
        const op = operators[k];
        result = op === '<' ? order < 0 : op === '>' ? order > 0 : op === '<=' ? order <= 0 : order >= 0;
        break;
      }
      case 'in':
        result = contains(right, left);
        break;
      case 'not in': {
        const found = contains(right, left);
        result = found === undefined ? undefined : !found;
        break;
      }
      case 'is':
      case 'is not': {
        if (left.type !== 'none' && right.type !== 'none' && left.type !== 'bool' && right.type !== 'bool')
          return undefined;
        const same =
          left.type === right.type &&
          (left.type === 'none' || (left as { value: boolean }).value === (right as { value: boolean }).value);
        result = operators[k] === 'is' ? same : !same;
        break;
      }
      default:
        return undefined;
    }
    if (result === undefined) return undefined;
    if (!result) return bool(false);
    left = right;
  }
  return bool(true);
}

function subscriptOf(
  base: Constant,
  index: Node,
  next: (n: Node | null | undefined) => Constant | undefined,
): Constant | undefined {
  if (index.type === 'slice') {
    const parts = index.children.filter((c): c is Node => !!c);
    if (parts.filter((c) => c.text === ':').length !== 1) return undefined;
    const colon = parts.findIndex((c) => c.text === ':');
    const start = colon > 0 ? intOf(next(parts[0])) : undefined;
    const stop = colon < parts.length - 1 ? intOf(next(parts[parts.length - 1])) : undefined;
    if ((colon > 0 && start === undefined) || (colon < parts.length - 1 && stop === undefined)) return undefined;
    if (base.type === 'str' || base.type === 'bytes') {
      const [from, to] = sliceBounds(start, stop, base.value.length);
      return { type: base.type, value: base.value.slice(from, to) };
    }
    if (base.type === 'list' || base.type === 'tuple') {
      const [from, to] = sliceBounds(start, stop, base.items.length);
      return { type: base.type, items: base.items.slice(from, to) };
    }
    return undefined;
  }
  const key = next(index);
  if (!key) return undefined;
  if (base.type === 'dict') {
    for (const [k, v] of base.entries) if (equalConstants(k, key) === true) return v;
    return undefined;
  }
  const i = intOf(key);
  if (i === undefined) return undefined;
  if (base.type === 'str') {
    const at = indexIn(i, base.value.length);
    return at === undefined ? undefined : str(base.value[at]);
  }
  if (base.type === 'list' || base.type === 'tuple') {
    const at = indexIn(i, base.items.length);
    return at === undefined ? undefined : base.items[at];
  }
  return undefined;
}

function callOf(
  node: Node,
  next: (n: Node | null | undefined) => Constant | undefined,
  env: ConstantEnvironment,
): Constant | undefined {
  const fn = node.childForFieldName('function');
  const argumentList = node.childForFieldName('arguments');
  if (!fn || argumentList?.type !== 'argument_list') return undefined;
  const argNodes = argumentList.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
  if (argNodes.some((a) => a.type === 'keyword_argument' || a.type === 'list_splat' || a.type === 'dictionary_splat'))
    return undefined;
  const args: Constant[] = [];
  for (const a of argNodes) {
    const value = next(a);
    if (!value) return undefined;
    args.push(value);
  }
  if (fn.type === 'attribute') {
    const receiver = next(fn.childForFieldName('object'));
    const method = fn.childForFieldName('attribute')?.text ?? '';
    if (receiver?.type === 'str' && Object.hasOwn(stringMethods, method))
      return stringMethods[method](receiver.value, args);
    return undefined;
  }
  if (fn.type !== 'identifier' || !env.builtin(fn)) return undefined;
  const [first] = args;
  switch (fn.text) {
    case 'len':
      if (args.length !== 1) return undefined;
      if (first.type === 'str' || first.type === 'bytes') return int(BigInt(first.value.length));
      if ('items' in first) return int(BigInt(first.items.length));
      if (first.type === 'dict') return int(BigInt(first.entries.length));
      return undefined;
    case 'str': {
      if (args.length === 0) return str('');
      const text = args.length === 1 ? textOf(first) : undefined;
      return text === undefined ? undefined : str(text);
    }
    case 'int': {
      if (args.length !== 1) return undefined;
      if (first.type === 'str' && /^\s*[-+]?\d+\s*$/.test(first.value)) return int(BigInt(first.value.trim()));
      const i = intOf(first);
      if (i !== undefined) return int(i);
      return first.type === 'float' && Number.isFinite(first.value) ? int(BigInt(Math.trunc(first.value))) : undefined;
    }
    case 'bool':
      return args.length === 1 ? bool(truthy(first)) : args.length === 0 ? bool(false) : undefined;
    default:
      return undefined;
  }
}
