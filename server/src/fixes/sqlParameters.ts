/**
 * Rewrites an SQL string built from values into a constant query with placeholders and the values
 * as parameters — or says why that would change what the query does.
 *
 * The rewrite is offered only where binding keeps the result for every value the original query
 * worked with:
 * - a value in a value position (after `=`, `LIKE`, `LIMIT`, in `VALUES (...)`, ...) becomes one
 *   placeholder; `%d`/`%i` becomes `int(value)` (what `%d` spliced in), an unquoted `{x!r}` the
 *   value itself (repr of a plain string or number is its SQL literal);
 * - a quoted literal holding values (`'%{x}%'`, `'{a}-{b}'`, `'it''s {x}'`) becomes one placeholder
 *   whose parameter is the literal's content rebuilt as an f-string (`''` back to `'`);
 * - nothing is offered for a value that is a table or column name, a keyword or an SQL fragment; a
 *   value glued to other characters of a token; a value inside a comment, a quoted identifier, a
 *   prefixed (`E'...'`, `N'...'`) or dollar-quoted literal; a value alone in `IN (...)` (usually a
 *   comma-separated list, which one placeholder would bind as one string); a value that is itself
 *   text with commas or a join; a value with a format spec or a conversion other than those above
 *   (the database would receive the number, not the formatted text).
 */
import type { Node } from '../parser/parser';
import type { Hole, StringShape, TextPart } from '../semantic/strings';
import { renderStringLiteral } from './python';
import { refuse, type FixRefusal } from './fix';

export type Style = 'qmark' | 'format' | 'named';

export interface Rewrite {
  /** The query as one string literal with placeholders. */
  literal: string;
  params: { name: string; expression: string }[];
}

export interface ParameterizeOptions {
  /**
   * The rewritten text will be wrapped in SQLAlchemy's `text()` for the first time: `:name` in it would become a bind
   * parameter.
   */
  newlyWrappedInText?: boolean;
  /** The string shape of a value expression (to tell a comma-separated list built as text). */
  shapeOf?: (node: Node) => StringShape;
}

const HOLE = '\u0000';

/** Where a hole sits in the SQL text. */
type Where =
  { state: 'code' } | { state: 'string'; literal: Literal } | { state: 'comment' } | { state: 'quoted-identifier' };

interface Literal {
  /** Index of the opening and the closing quote in the template. */
  open: number;
  close: number;
  holes: number[];
}

/** Reads the SQL text (holes as NUL) the way a database would: literals, quoted names, comments. */
function lex(template: string): { where: Map<number, Where> } | string {
  const where = new Map<number, Where>();
  let i = 0;
  const n = template.length;
  while (i < n) {
    const ch = template[i];
    if (ch === HOLE) {
      where.set(i, { state: 'code' });
      i++;
    } else if (ch === '\\' && (template[i + 1] === "'" || template[i + 1] === '"')) {
      return 'the query has a backslash-escaped quote, which databases read differently';
    } else if (ch === '-' && template[i + 1] === '-') {
      const end = /\n|\\n|\\r|\r/.exec(template.slice(i));
      const stop = end ? i + end.index : n;
      for (let j = i; j < stop; j++) if (template[j] === HOLE) where.set(j, { state: 'comment' });
      i = stop;
    } else if (ch === '/' && template[i + 1] === '*') {
      const close = template.indexOf('*/', i + 2);
      const stop = close < 0 ? n : close + 2;
      for (let j = i; j < stop; j++) if (template[j] === HOLE) where.set(j, { state: 'comment' });
      i = stop;
    } else if (ch === "'") {
      if (/[A-Za-z0-9_&]$/.test(template.slice(0, i))) {
        // E'...', N'...', X'...', U&'...': the prefix changes how the text is read.
        let j = i + 1;
        while (j < n && !(template[j] === "'" && template[j + 1] !== "'")) j += template[j] === "'" ? 2 : 1;
        if (template.slice(i, j).includes(HOLE))
          return "a value sits in a prefixed literal (`E'...'`, `N'...'`), which a placeholder cannot keep";
        i = j + 1;
        continue;
      }
      const literal: Literal = { open: i, close: -1, holes: [] };
      let j = i + 1;
      for (; j < n; j++) {
        if (template[j] === "'") {
          if (template[j + 1] === "'") {
            j++;
            continue;
          }
          break;
        }
        if (template[j] === HOLE) literal.holes.push(j);
      }
      if (j >= n) return 'a quoted literal in the query is not closed';
      literal.close = j;
      for (const hole of literal.holes) where.set(hole, { state: 'string', literal });
      i = j + 1;
    } else if (ch === '"' || ch === '`') {
      const close = template.indexOf(ch, i + 1);
      const stop = close < 0 ? n : close + 1;
      for (let j = i; j < stop; j++) if (template[j] === HOLE) where.set(j, { state: 'quoted-identifier' });
      i = stop;
    } else if (ch === '$' && /^\$[A-Za-z_]*\$/.test(template.slice(i))) {
      return 'the query has a dollar-quoted literal';
    } else i++;
  }
  return { where };
}

/** Whether an unquoted value at `at` is in a value position (not a name, keyword or fragment). */
function valuePosition(template: string, at: number): boolean {
  const before = template.slice(0, at);
  const after = template.slice(at + 1);
  // Not /\s+$/: that backtracks quadratically on a long run of spaces followed by other text.
  const trimmed = before.trimEnd();
  if (/[[\]]$/.test(trimmed) || /^\s*[\]]/.test(after) || /^\s*\./.test(after) || /\.$/.test(trimmed)) return false;
  if (/(?:<>|!=|<=|>=|=|<|>)$/.test(trimmed)) return true;
  if (/\b(?:like|ilike|limit|offset|between|then|else)$/i.test(trimmed)) return true;
  if (/\bbetween\s+\S+\s+and$/i.test(trimmed)) return true;
  if (/[(,]$/.test(trimmed)) {
    let depth = 0;
    for (let i = trimmed.length - 1; i >= 0; i--) {
      const ch = trimmed[i];
      if (ch === ')') depth++;
      else if (ch === '(') {
        if (depth === 0)
          return (
            /\b(?:values|in)\s*$/i.test(trimmed.slice(0, i)) ||
            /\bvalues\s*(?:\([^()]*\)\s*,\s*)+$/i.test(trimmed.slice(0, i))
          );
        depth--;
      }
    }
  }
  return false;
}

/** A value that is the only item of `IN (...)`. */
function aloneInIn(template: string, at: number): boolean {
  return /\bin\s*\(\s*$/i.test(template.slice(0, at)) && /^\s*\)/.test(template.slice(at + 1));
}

function parameterName(hole: Hole, used: Set<string>): string {
  const expression = hole.expression;
  let base = hole.name ?? 'value';
  if (!hole.name) {
    if (expression.type === 'identifier') base = expression.text;
    else if (expression.type === 'attribute') base = expression.childForFieldName('attribute')?.text ?? base;
    else if (expression.type === 'subscript') {
      const key = /^["'](\w+)["']$/.exec(expression.childForFieldName('subscript')?.text ?? '');
      if (key) base = key[1];
    }
  }
  if (!/^[A-Za-z_]\w*$/.test(base)) base = 'value';
  let name = base;
  for (let i = 2; used.has(name); i++) name = `${base}_${i}`;
  used.add(name);
  return name;
}

/** The conversion and format spec of a hole, as far as the source tells. */
function formatting(hole: Hole): { conversion?: string; spec?: string; interpolation?: Node } | 'unknown' {
  if (hole.via === 'fstring') {
    const interpolation = hole.expression.parent;
    if (interpolation?.type !== 'interpolation') return 'unknown';
    const conversion = interpolation.childForFieldName('type_conversion')?.text.replace(/^!/, '');
    const spec = interpolation.childForFieldName('format_specifier')?.text.replace(/^:/, '');
    return { conversion, spec, interpolation };
  }
  if (hole.via === 'percent') {
    if (!hole.formatted) return { conversion: hole.conversion === 'd' || hole.conversion === 'i' ? 'd' : undefined };
    return 'unknown';
  }
  return hole.formatted ? 'unknown' : {};
}

const formattedReason = (hole: Hole) =>
  `\`${hole.expression.text}\` is formatted (a format spec, a width or a conversion) before it goes in: a parameter would send the value, not the formatted text`;

/** The parameter for a value that is the whole of an unquoted SQL token. */
function unquotedExpression(hole: Hole): string {
  const format = formatting(hole);
  if (format === 'unknown' || format.spec) throw new Refusal(formattedReason(hole));
  if (format.conversion === 'd') return `int(${hole.expression.text})`;
  // `{x!r}` of a plain string is a quoted SQL literal, of a number its digits: the value binds the same.
  if (format.conversion && format.conversion !== 'r' && format.conversion !== 's')
    throw new Refusal(formattedReason(hole));
  return hole.expression.text;
}

class Refusal extends Error {}

/** The content of a quoted SQL literal with values in it, as one Python expression. */
function literalExpression(template: string, literal: Literal, holes: Map<number, Hole>): string {
  if (literal.holes.length === 1 && literal.open + 1 === literal.holes[0] && literal.close === literal.holes[0] + 1) {
    const hole = holes.get(literal.holes[0])!;
    const format = formatting(hole);
    if (format !== 'unknown' && !format.spec && (!format.conversion || format.conversion === 's'))
      return hole.expression.text;
  }
  // Rebuild the literal's text as an f-string: SQL's '' is one quote.
  let body = '';
  const expressions: string[] = [];
  let text = '';
  const flushText = () => {
    if (/[\\{}\r\n]/.test(text))
      throw new Refusal('the value is part of a larger quoted literal that cannot be rebuilt safely');
    body += text.replace(/''/g, "'");
    text = '';
  };
  for (let i = literal.open + 1; i < literal.close; i++) {
    if (template[i] !== HOLE) {
      text += template[i];
      continue;
    }
    flushText();
    const hole = holes.get(i)!;
    const format = formatting(hole);
    if (format === 'unknown' || format.conversion === 'r' || format.conversion === 'a' || format.conversion === 'd')
      throw new Refusal(formattedReason(hole));
    const expression = hole.expression.text;
    if (/[\\\r\n]/.test(expression))
      throw new Refusal('the value is part of a larger quoted literal that cannot be rebuilt safely');
    if (format.spec !== undefined && /[{}\\]/.test(format.spec)) throw new Refusal(formattedReason(hole));
    expressions.push(expression);
    body += `{${/^[\w.]+$/.test(expression) ? expression : `(${expression})`}${format.conversion ? `!${format.conversion}` : ''}${format.spec !== undefined ? `:${format.spec}` : ''}}`;
  }
  flushText();
  const quote = ['"', "'"].find((q) => !body.includes(q) && !expressions.some((e) => e.includes(q)));
  if (!quote) throw new Refusal('the value is part of a larger quoted literal that cannot be rebuilt safely');
  return `f${quote}${body}${quote}`;
}

/** The query text with placeholders and the values that move out of it, or why that cannot be done. */
export function parameterize(
  shape: StringShape,
  style: Style,
  options: ParameterizeOptions = {},
): Rewrite | FixRefusal {
  if (!shape.exact) return refuse('not-here', 'part of the query could not be followed');
  if (shape.holes.some((hole) => hole.via === 'join'))
    return refuse(
      'not-here',
      'a list joined into the query cannot be bound as one parameter; build one placeholder per value',
    );
  const template = shape.template();
  const lexed = lex(template);
  if (typeof lexed === 'string') return refuse('not-here', lexed);
  const holes = new Map<number, Hole>();
  {
    let offset = 0;
    for (const part of shape.parts) {
      if (part.kind === 'hole') holes.set(offset, part);
      offset += part.kind === 'text' ? part.text.length : 1;
    }
  }
  const used = new Set<string>();
  if (style === 'named') {
    const binds = [...template.matchAll(/(?<![:\w\\]):(\w+)(?!:)/g)];
    if (options.newlyWrappedInText && binds.length)
      return refuse('not-here', `\`:${binds[0][1]}\` in the query would become a bind parameter of \`text()\``);
    for (const bind of binds) used.add(bind[1]);
  }
  const params: Rewrite['params'] = [];
  const placeholders = new Map<number, string>();
  const dropped: { from: number; to: number }[] = [];
  const done = new Set<Literal>();
  try {
    for (const [at, hole] of holes) {
      const where = lexed.where.get(at) ?? { state: 'code' };
      if (where.state === 'comment')
        return refuse(
          'not-here',
          `\`${hole.expression.text}\` is spliced into an SQL comment, where a placeholder is not a parameter`,
        );
      if (where.state === 'quoted-identifier')
        return refuse(
          'identifier',
          `\`${hole.expression.text}\` is part of a quoted name: placeholders cannot bind identifiers, so check it against an allowlist of known names`,
        );
      if (where.state === 'string') {
        if (done.has(where.literal)) continue;
        done.add(where.literal);
        const expression = literalExpression(template, where.literal, holes);
        const name = parameterName(
          where.literal.holes.length === 1
            ? holes.get(where.literal.holes[0])!
            : { ...hole, name: hole.name ?? 'value', expression: hole.expression },
          used,
        );
        placeholders.set(where.literal.holes[0], placeholderFor(style, name));
        for (const other of where.literal.holes.slice(1)) placeholders.set(other, '');
        dropped.push(
          { from: where.literal.open, to: where.literal.holes[0] },
          { from: where.literal.holes[0] + 1, to: where.literal.close + 1 },
        );
        params.push({ name, expression });
        continue;
      }
      const previous = template[at - 1] ?? ' ';
      const next = template[at + 1] ?? ' ';
      if (/[\w.$@:?%'"`\\-]/.test(previous) || /[\w.$@'"`[(\\]/.test(next)) {
        return refuse(
          'not-here',
          `\`${hole.expression.text}\` is glued to other characters of one SQL token: a placeholder cannot stand for part of a token`,
        );
      }
      if (!valuePosition(template, at)) {
        return refuse(
          'identifier',
          `\`${hole.expression.text}\` is a table or column name, a keyword or an SQL fragment: placeholders cannot bind identifiers, so check it against an allowlist of known names`,
        );
      }
      if (aloneInIn(template, at))
        return refuse(
          'not-here',
          `\`${hole.expression.text}\` is alone in \`IN (...)\`: a list of values there would be bound as one string and match nothing; build one placeholder per value`,
        );
      const valueShape = options.shapeOf?.(hole.expression);
      if (
        valueShape?.isString &&
        (valueShape.holes.some((h) => h.via === 'join') || valueShape.template().includes(','))
      ) {
        return refuse(
          'not-here',
          `\`${hole.expression.text}\` is a comma-separated list built as text: one placeholder would bind it as one string; build one placeholder per value`,
        );
      }
      const name = parameterName(hole, used);
      placeholders.set(at, placeholderFor(style, name));
      params.push({ name, expression: unquotedExpression(hole) });
    }
  } catch (error) {
    if (error instanceof Refusal) return refuse('not-here', error.message);
    throw error;
  }
  // Re-walk the parts, dropping the quotes (and text) of literals that became parameters.
  const isDropped = (i: number) => dropped.some((range) => i >= range.from && i < range.to);
  const texts: { part: TextPart; text: string }[] = [];
  const firstText = shape.parts.find((p): p is TextPart => p.kind === 'text') ?? {
    kind: 'text',
    text: '',
    quote: '"',
    raw: false,
  };
  let index = 0;
  for (const part of shape.parts) {
    if (part.kind === 'hole') {
      const placeholder = placeholders.get(index) ?? '';
      if (placeholder) texts.push({ part: firstText, text: placeholder });
      index += 1;
      continue;
    }
    let kept = '';
    for (let i = 0; i < part.text.length; i++) if (!isDropped(index + i)) kept += part.text[i];
    index += part.text.length;
    if (style === 'format') kept = kept.replace(/%/g, '%%');
    texts.push({ part, text: kept });
  }
  const literal = renderStringLiteral(
    texts.map((t) => t.part),
    texts.map((t) => t.text),
  );
  if (!literal) return refuse('not-here', 'the literal mixes raw and escaped text');
  return { literal, params };
}

function placeholderFor(style: Style, name: string): string {
  return style === 'qmark' ? '?' : style === 'format' ? '%s' : `:${name}`;
}
