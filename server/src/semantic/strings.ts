import type { Node } from '../parser/parser';
import type { SemanticModel } from './model';

/** How a value went into a string. */
export type HoleVia = 'fstring' | 'percent' | 'format' | 'concat' | 'join';

/** Literal text, kept in the source escaping of its literal (format-level escapes such as `{{` decoded). */
export interface TextPart {
  kind: 'text';
  text: string;
  /** The quote that delimited it (`'`, `"`, `'''` or `"""`) and whether it was a raw literal. */
  quote: string;
  raw: boolean;
}

/** A place where a non-literal value is spliced into the string. */
export interface Hole {
  kind: 'hole';
  expression: Node;
  via: HoleVia;
  /** `!r`-style conversion or a format spec other than plain `s`, which changes the value spliced in. */
  formatted: boolean;
  /** Named `%(name)s` / `{name}` placeholders keep their name. */
  name?: string;
  /** The `%`-conversion letter (`s`, `d`, `r`, ...) of a `%`-formatting placeholder. */
  conversion?: string;
}

export type Part = TextPart | Hole;

export interface StringShape {
  /** False for expressions that are not strings as far as the file shows. */
  isString: boolean;
  parts: Part[];
  holes: Hole[];
  /** Every piece was understood (no unknown join, no unparsed placeholder). */
  exact: boolean;
  /** The value flows through names, augmented assignments or other statements, not just this expression. */
  spansStatements: boolean;
  /** The literal text with each hole replaced by `marker`: what a rule matches keywords against. */
  template(marker?: string): string;
}

const MAX_DEPTH = 12;

function shape(parts: Part[], exact: boolean, spansStatements: boolean, isString = true): StringShape {
  const merged: Part[] = [];
  for (const part of parts) {
    const last = merged[merged.length - 1];
    if (part.kind === 'text' && last?.kind === 'text' && last.quote === part.quote && last.raw === part.raw) {
      merged[merged.length - 1] = { ...last, text: last.text + part.text };
    } else merged.push(part);
  }
  return {
    isString,
    parts: merged,
    holes: merged.filter((part): part is Hole => part.kind === 'hole'),
    exact,
    spansStatements,
    template(marker = '\u0000') {
      return merged.map((part) => (part.kind === 'text' ? part.text : marker)).join('');
    },
  };
}

const notAString = (node: Node): StringShape =>
  shape([{ kind: 'hole', expression: node, via: 'concat', formatted: false }], false, false, false);

/** Prefix letters and quote of a `string_start` token such as `rf"""`. */
export function literalDelimiters(stringNode: Node): { prefix: string; quote: string } {
  const start = stringNode.firstChild?.text ?? '"';
  const match = /^([a-zA-Z]*)('''|"""|'|")$/.exec(start);
  return match ? { prefix: match[1].toLowerCase(), quote: match[2] } : { prefix: '', quote: '"' };
}

function literalParts(node: Node, model: SemanticModel): { parts: Part[]; exact: boolean; bytes: boolean } {
  const { prefix, quote } = literalDelimiters(node);
  const raw = prefix.includes('r');
  const isFormat = prefix.includes('f');
  const children = node.children.filter((child): child is Node => child !== null);
  const start = children[0];
  const end = children[children.length - 1];
  const parts: Part[] = [];
  let cursor = start.endIndex;
  const pushText = (from: number, to: number) => {
    if (to <= from) return;
    let body = model.sourceText(from, to);
    if (isFormat) body = body.replace(/\{\{/g, '{').replace(/\}\}/g, '}');
    parts.push({ kind: 'text', text: body, quote, raw });
  };
  let exact = true;
  for (const child of children) {
    if (child.type !== 'interpolation') continue;
    pushText(cursor, child.startIndex);
    const expression = child.childForFieldName('expression');
    const conversion = child.childForFieldName('type_conversion');
    const spec = child.childForFieldName('format_specifier');
    if (expression) {
      parts.push({ kind: 'hole', expression, via: 'fstring', formatted: Boolean(conversion || spec) });
    } else exact = false;
    cursor = child.endIndex;
  }
  pushText(cursor, end.startIndex);
  return { parts, exact, bytes: prefix.includes('b') };
}

const percentSpec = /%(?:\(([^)]*)\))?[#0\- +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?([diouxXeEfFgGcrsab%])/g;

function percentFormat(template: StringShape, right: Node, model: SemanticModel, depth: number): StringShape {
  if (template.holes.length > 0)
    return shape(
      [...template.parts, { kind: 'hole', expression: right, via: 'percent', formatted: true }],
      false,
      template.spansStatements,
    );
  const args: Node[] = right.type === 'tuple' ? right.namedChildren.filter((n): n is Node => n !== null) : [right];
  const named = new Map<string, Node>();
  if (right.type === 'dictionary') {
    for (const pair of right.namedChildren) {
      if (pair?.type !== 'pair') continue;
      const key = pair.childForFieldName('key');
      const value = pair.childForFieldName('value');
      const keyShape = key ? stringShapeOf(key, model, depth + 1) : undefined;
      if (keyShape?.isString && keyShape.holes.length === 0 && value) named.set(keyShape.template(), value);
    }
  }
  const parts: Part[] = [];
  let exact = template.exact;
  let argIndex = 0;
  for (const part of template.parts) {
    if (part.kind !== 'text') continue;
    let last = 0;
    for (const match of part.text.matchAll(percentSpec)) {
      const index = match.index ?? 0;
      if (index > last) parts.push({ ...part, text: part.text.slice(last, index) });
      last = index + match[0].length;
      if (match[2] === '%') {
        parts.push({ ...part, text: '%' });
        continue;
      }
      const plain = match[0] === '%s' || match[0] === '%d' || match[0] === '%i' || /^%\([^)]*\)[sdi]$/.test(match[0]);
      let expression: Node | undefined;
      if (match[1] !== undefined) expression = named.get(match[1]);
      else if (right.type === 'dictionary') expression = undefined;
      else expression = args[argIndex++];
      if (!expression) {
        exact = false;
        expression = right;
      }
      parts.push({ kind: 'hole', expression, via: 'percent', formatted: !plain, name: match[1], conversion: match[2] });
    }
    if (last < part.text.length) parts.push({ ...part, text: part.text.slice(last) });
  }
  if (right.type !== 'dictionary' && argIndex !== args.length) exact = false;
  // A single non-tuple right operand that is itself a tuple-valued name cannot be split safely.
  if (right.type !== 'tuple' && right.type !== 'dictionary' && right.type === 'identifier' && argIndex > 1)
    exact = false;
  return shape(parts, exact, template.spansStatements);
}

const formatField = /\{\{|\}\}|\{([^{}!:]*)(![rsa])?(?::([^{}]*))?\}/g;

function strFormat(template: StringShape, call: Node, model: SemanticModel): StringShape {
  const args = call.childForFieldName('arguments')?.namedChildren.filter((n): n is Node => n !== null) ?? [];
  const positional = args.filter((arg) => arg.type !== 'keyword_argument');
  const keywords = new Map<string, Node>();
  let exact = template.exact && template.holes.length === 0;
  for (const arg of args) {
    if (arg.type === 'keyword_argument') {
      const name = arg.childForFieldName('name')?.text;
      const value = arg.childForFieldName('value');
      if (name && value) keywords.set(name, value);
    } else if (arg.type === 'list_splat' || arg.type === 'dictionary_splat') exact = false;
  }
  const parts: Part[] = [];
  let auto = 0;
  for (const part of template.parts) {
    if (part.kind !== 'text') {
      parts.push(part);
      continue;
    }
    let last = 0;
    for (const match of part.text.matchAll(formatField)) {
      const index = match.index ?? 0;
      if (index > last) parts.push({ ...part, text: part.text.slice(last, index) });
      last = index + match[0].length;
      if (match[0] === '{{' || match[0] === '}}') {
        parts.push({ ...part, text: match[0][0] });
        continue;
      }
      const field = match[1];
      let expression: Node | undefined;
      let name: string | undefined;
      if (field === '') expression = positional[auto++];
      else if (/^\d+$/.test(field)) expression = positional[Number(field)];
      else if (/^[A-Za-z_]\w*$/.test(field)) {
        expression = keywords.get(field);
        name = field;
      }
      if (!expression) {
        exact = false;
        expression = call;
      }
      parts.push({ kind: 'hole', expression, via: 'format', formatted: Boolean(match[2] || match[3]), name });
    }
    if (last < part.text.length) parts.push({ ...part, text: part.text.slice(last) });
  }
  void model;
  return shape(parts, exact, template.spansStatements);
}

function join(separator: StringShape, iterable: Node, model: SemanticModel, depth: number): StringShape {
  if ((iterable.type === 'list' || iterable.type === 'tuple') && separator.holes.length === 0) {
    const parts: Part[] = [];
    let exact = separator.exact;
    let spans = separator.spansStatements;
    iterable.namedChildren.forEach((item, i) => {
      if (!item) return;
      if (i > 0) parts.push(...separator.parts);
      const itemShape = stringShapeOf(item, model, depth + 1);
      if (itemShape.isString) {
        parts.push(
          ...itemShape.parts.map((part) =>
            part.kind === 'hole' && part.via === 'concat' && !itemShape.isString
              ? { ...part, via: 'join' as const }
              : part,
          ),
        );
        exact &&= itemShape.exact;
        spans ||= itemShape.spansStatements;
      } else parts.push({ kind: 'hole', expression: item, via: 'join', formatted: false });
    });
    return shape(parts, exact, spans);
  }
  return shape(
    [...separator.parts, { kind: 'hole', expression: iterable, via: 'join', formatted: false }],
    false,
    separator.spansStatements,
  );
}

/**
 * The shape of a string expression: literals, implicit concatenation, f-strings, `%`, `+`,
 * `.format`, `.join`, and names assigned from any of these (followed within reach).
 */
export function stringShapeOf(node: Node, model: SemanticModel, depth: number): StringShape {
  if (depth > MAX_DEPTH) return notAString(node);
  switch (node.type) {
    case 'string': {
      const { parts, exact, bytes } = literalParts(node, model);
      return bytes ? notAString(node) : shape(parts, exact, false);
    }
    case 'concatenated_string': {
      const parts: Part[] = [];
      let exact = true;
      for (const child of node.namedChildren) {
        if (child?.type !== 'string') continue;
        const piece = stringShapeOf(child, model, depth + 1);
        parts.push(...piece.parts);
        exact &&= piece.exact;
      }
      return shape(parts, exact, false);
    }
    case 'parenthesized_expression': {
      const inner = node.namedChildren[0];
      return inner ? stringShapeOf(inner, model, depth + 1) : notAString(node);
    }
    case 'binary_operator': {
      const operator = node.childForFieldName('operator')?.text;
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      if (!left || !right) return notAString(node);
      if (operator === '%') {
        const template = stringShapeOf(left, model, depth + 1);
        return template.isString ? percentFormat(template, right, model, depth) : notAString(node);
      }
      if (operator === '+') {
        const a = stringShapeOf(left, model, depth + 1);
        const b = stringShapeOf(right, model, depth + 1);
        if (!a.isString && !b.isString) return notAString(node);
        const asConcat = (s: StringShape, n: Node): Part[] =>
          s.isString ? s.parts : [{ kind: 'hole', expression: n, via: 'concat', formatted: false }];
        return shape(
          [...asConcat(a, left), ...asConcat(b, right)],
          (!a.isString || a.exact) && (!b.isString || b.exact),
          a.spansStatements || b.spansStatements,
        );
      }
      return notAString(node);
    }
    case 'call': {
      const fn = node.childForFieldName('function');
      if (fn?.type !== 'attribute') return notAString(node);
      const method = fn.childForFieldName('attribute')?.text;
      const object = fn.childForFieldName('object');
      if (!object) return notAString(node);
      if (method === 'format') {
        const template = stringShapeOf(object, model, depth + 1);
        return template.isString ? strFormat(template, node, model) : notAString(node);
      }
      if (method === 'join') {
        const separator = stringShapeOf(object, model, depth + 1);
        const iterable = node.childForFieldName('arguments')?.namedChildren[0];
        return separator.isString && iterable ? join(separator, iterable, model, depth) : notAString(node);
      }
      return notAString(node);
    }
    case 'identifier': {
      const binding = model.reachingAssignment(node);
      if (binding?.kind === 'assignment') {
        const value = stringShapeOf(binding.value, model, depth + 1);
        return value.isString ? shape(value.parts, value.exact, true) : notAString(node);
      }
      if (binding?.kind === 'augmented' && binding.operator === '+=') {
        const before = stringShapeOf(binding.node.childForFieldName('left')!, model, depth + 1);
        const added = stringShapeOf(binding.value, model, depth + 1);
        if (!before.isString) return notAString(node);
        const addedParts: Part[] = added.isString
          ? added.parts
          : [{ kind: 'hole', expression: binding.value, via: 'concat', formatted: false }];
        return shape([...before.parts, ...addedParts], before.exact && added.exact, true);
      }
      return notAString(node);
    }
    default:
      return notAString(node);
  }
}
