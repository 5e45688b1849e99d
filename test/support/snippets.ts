/**
 * A parser and renderer for VS Code's snippet syntax (https://code.visualstudio.com/docs/editor/userdefinedsnippets#_grammar):
 * tab stops `$1`/`${1}`, placeholders `${1:default}` (nested), choices `${1|a,b|}`, variables
 * `$NAME`/`${NAME:default}` and transforms `${1/regex/format/flags}`. It is strict where the editor
 * is lenient: a `$` that starts no construct must be written `\$`, so a typo cannot hide.
 */
export type SnippetNode =
  | { kind: 'text'; value: string }
  | { kind: 'tabstop'; index: number; transform?: Transform }
  | { kind: 'placeholder'; index: number; children: SnippetNode[] }
  | { kind: 'choice'; index: number; options: string[] }
  | { kind: 'variable'; name: string; children?: SnippetNode[]; transform?: Transform };

export interface Transform {
  regex: string;
  format: FormatPart[];
  flags: string;
}

type FormatPart =
  | { kind: 'text'; value: string }
  | { kind: 'group'; group: number; modifier?: string; ifValue?: string; elseValue?: string };

export class SnippetSyntaxError extends Error {}

class Reader {
  i = 0;
  constructor(readonly s: string) {}
  get eof(): boolean {
    return this.i >= this.s.length;
  }
  peek(offset = 0): string {
    return this.s[this.i + offset] ?? '';
  }
  fail(message: string): never {
    throw new SnippetSyntaxError(
      `${message} at offset ${this.i}: …${this.s.slice(Math.max(0, this.i - 20), this.i)}⟨here⟩${this.s.slice(this.i, this.i + 20)}…`,
    );
  }
  expect(text: string): void {
    if (!this.s.startsWith(text, this.i)) this.fail(`expected "${text}"`);
    this.i += text.length;
  }
  readWhile(test: RegExp): string {
    const start = this.i;
    while (!this.eof && test.test(this.peek())) this.i++;
    return this.s.slice(start, this.i);
  }
}

const isDigit = /[0-9]/;
const isVarStart = /[_a-zA-Z]/;
const isVarChar = /[_a-zA-Z0-9]/;

export function parseSnippet(body: string): SnippetNode[] {
  const reader = new Reader(body);
  const nodes = parseAny(reader, false);
  return nodes;
}

function parseAny(r: Reader, insideBraces: boolean): SnippetNode[] {
  const nodes: SnippetNode[] = [];
  let text = '';
  const flush = () => {
    if (text) nodes.push({ kind: 'text', value: text });
    text = '';
  };
  for (;;) {
    if (r.eof) {
      if (insideBraces) r.fail('unclosed "${"');
      flush();
      return nodes;
    }
    const c = r.peek();
    if (c === '\\' && '$}\\'.includes(r.peek(1)) && r.peek(1) !== '') {
      text += r.peek(1);
      r.i += 2;
    } else if (c === '$') {
      flush();
      nodes.push(parseDollar(r));
    } else if (c === '}' && insideBraces) {
      r.i++;
      flush();
      return nodes;
    } else {
      text += c;
      r.i++;
    }
  }
}

function parseDollar(r: Reader): SnippetNode {
  r.expect('$');
  if (isDigit.test(r.peek())) return { kind: 'tabstop', index: Number(r.readWhile(isDigit)) };
  if (isVarStart.test(r.peek())) return { kind: 'variable', name: r.readWhile(isVarChar) };
  if (r.peek() !== '{') r.fail('a "$" that starts no tab stop, placeholder or variable (write "\\$")');
  r.i++;
  if (isDigit.test(r.peek())) {
    const index = Number(r.readWhile(isDigit));
    const next = r.peek();
    r.i++;
    if (next === '}') return { kind: 'tabstop', index };
    if (next === ':') return { kind: 'placeholder', index, children: parseAny(r, true) };
    if (next === '|') return { kind: 'choice', index, options: parseChoices(r) };
    if (next === '/') {
      r.i--;
      const transform = parseTransform(r);
      return { kind: 'tabstop', index, transform };
    }
    r.i--;
    r.fail('expected "}", ":", "|" or "/" after a tab stop number');
  }
  if (isVarStart.test(r.peek())) {
    const name = r.readWhile(isVarChar);
    const next = r.peek();
    r.i++;
    if (next === '}') return { kind: 'variable', name };
    if (next === ':') return { kind: 'variable', name, children: parseAny(r, true) };
    if (next === '/') {
      r.i--;
      return { kind: 'variable', name, transform: parseTransform(r) };
    }
    r.i--;
    r.fail('expected "}", ":" or "/" after a variable name');
  }
  return r.fail('expected a tab stop number or a variable name after "${"');
}

function parseChoices(r: Reader): string[] {
  const options: string[] = [];
  let current = '';
  for (;;) {
    if (r.eof) r.fail('unclosed choice');
    const c = r.peek();
    if (c === '\\' && ',|\\'.includes(r.peek(1)) && r.peek(1) !== '') {
      current += r.peek(1);
      r.i += 2;
    } else if (c === ',') {
      options.push(current);
      current = '';
      r.i++;
    } else if (c === '|') {
      options.push(current);
      r.i++;
      r.expect('}');
      if (options.length === 0) r.fail('a choice needs an option');
      return options;
    } else {
      current += c;
      r.i++;
    }
  }
}

/** `/regex/format/flags}` (the closing brace included). */
function parseTransform(r: Reader): Transform {
  r.expect('/');
  let regex = '';
  while (r.peek() !== '/') {
    if (r.eof) r.fail('unclosed transform');
    if (r.peek() === '\\' && r.peek(1) === '/') {
      regex += '/';
      r.i += 2;
    } else regex += r.s[r.i++];
  }
  r.i++;
  const format: FormatPart[] = [];
  let text = '';
  const flush = () => {
    if (text) format.push({ kind: 'text', value: text });
    text = '';
  };
  while (r.peek() !== '/') {
    if (r.eof) r.fail('unclosed transform format');
    const c = r.peek();
    if (c === '\\' && '/$\\'.includes(r.peek(1)) && r.peek(1) !== '') {
      text += r.peek(1);
      r.i += 2;
    } else if (c === '$') {
      flush();
      r.i++;
      if (isDigit.test(r.peek())) format.push({ kind: 'group', group: Number(r.readWhile(isDigit)) });
      else {
        r.expect('{');
        const group = Number(r.readWhile(isDigit));
        if (r.peek() === '}') {
          r.i++;
          format.push({ kind: 'group', group });
        } else {
          r.expect(':');
          const readUntil = (stops: string) => {
            let value = '';
            while (!stops.includes(r.peek())) {
              if (r.eof) r.fail('unclosed format');
              if (r.peek() === '\\' && r.peek(1) !== '') {
                value += r.peek(1);
                r.i += 2;
              } else value += r.s[r.i++];
            }
            return value;
          };
          const sign = r.peek();
          if (sign === '/') {
            r.i++;
            format.push({ kind: 'group', group, modifier: r.readWhile(/[a-z]/) });
          } else if (sign === '+') {
            r.i++;
            format.push({ kind: 'group', group, ifValue: readUntil('}') });
          } else if (sign === '?') {
            r.i++;
            const ifValue = readUntil(':');
            r.expect(':');
            format.push({ kind: 'group', group, ifValue, elseValue: readUntil('}') });
          } else {
            if (sign === '-') r.i++;
            format.push({ kind: 'group', group, elseValue: readUntil('}') });
          }
          r.expect('}');
        }
      }
    } else {
      text += c;
      r.i++;
    }
  }
  flush();
  r.i++;
  const flags = r.readWhile(/[a-z]/);
  r.expect('}');
  try {
    new RegExp(regex, flags);
  } catch (error) {
    r.fail(`invalid transform regex: ${(error as Error).message}`);
  }
  return { regex, format, flags };
}

function applyTransform(value: string, transform: Transform): string {
  const groupCount = (new RegExp(`${transform.regex}|`).exec('') ?? []).length - 1;
  return value.replace(new RegExp(transform.regex, transform.flags), (...match: unknown[]) => {
    const groups = match.slice(0, groupCount + 1) as (string | undefined)[];
    return transform.format
      .map((part) => {
        if (part.kind === 'text') return part.value;
        const group = groups[part.group] ?? '';
        if (part.modifier) {
          switch (part.modifier) {
            case 'upcase':
              return group.toUpperCase();
            case 'downcase':
              return group.toLowerCase();
            case 'capitalize':
              return group.charAt(0).toUpperCase() + group.slice(1);
            default:
              return group;
          }
        }
        if (part.ifValue !== undefined || part.elseValue !== undefined)
          return group ? (part.ifValue ?? group) : (part.elseValue ?? '');
        return group;
      })
      .join('');
  });
}

export interface RenderOptions {
  /** Values of variables (TM_FILENAME, ...); an unknown variable renders its default, else its name, as the editor does. */
  variables?: Record<string, string>;
  /** Which option each choice takes (by tab stop number); the first by default. */
  choices?: ReadonlyMap<number, number>;
}

/** The text the editor inserts when every placeholder keeps its default. */
export function renderSnippet(nodes: readonly SnippetNode[], options: RenderOptions = {}): string {
  // Every occurrence of a tab stop takes the value of the first placeholder or choice with its number.
  const definitions = new Map<number, SnippetNode>();
  const collect = (list: readonly SnippetNode[]) => {
    for (const node of list) {
      if ((node.kind === 'placeholder' || node.kind === 'choice') && !definitions.has(node.index))
        definitions.set(node.index, node);
      if (node.kind === 'placeholder') collect(node.children);
      if (node.kind === 'variable' && node.children) collect(node.children);
    }
  };
  const values = new Map<number, string>();
  const resolving = new Set<number>();
  const valueOf = (index: number): string => {
    if (index === 0) return '';
    const known = values.get(index);
    if (known !== undefined) return known;
    const definition = definitions.get(index);
    if (!definition) return '';
    if (resolving.has(index)) throw new Error(`placeholder $${index} contains itself`);
    resolving.add(index);
    let value: string;
    if (definition.kind === 'choice') {
      const chosen = options.choices?.get(index) ?? 0;
      if (chosen >= definition.options.length) throw new Error(`choice $${index} has no option ${chosen}`);
      value = definition.options[chosen];
    } else value = definition.kind === 'placeholder' ? render(definition.children) : '';
    resolving.delete(index);
    values.set(index, value);
    return value;
  };
  const render = (list: readonly SnippetNode[]): string =>
    list
      .map((node) => {
        switch (node.kind) {
          case 'text':
            return node.value;
          case 'tabstop':
            return node.transform ? applyTransform(valueOf(node.index), node.transform) : valueOf(node.index);
          case 'placeholder':
          case 'choice':
            return valueOf(node.index);
          case 'variable': {
            const known = options.variables?.[node.name];
            const value =
              known !== undefined && known !== '' ? known : node.children ? render(node.children) : node.name;
            return node.transform ? applyTransform(value, node.transform) : value;
          }
        }
      })
      .join('');
  collect(nodes);
  return render(nodes);
}

/** Tab stop numbers of the choices in a snippet, with their option counts. */
export function choicesOf(nodes: readonly SnippetNode[]): Map<number, number> {
  const found = new Map<number, number>();
  const walk = (list: readonly SnippetNode[]) => {
    for (const node of list) {
      if (node.kind === 'choice' && !found.has(node.index)) found.set(node.index, node.options.length);
      if (node.kind === 'placeholder') walk(node.children);
      if (node.kind === 'variable' && node.children) walk(node.children);
    }
  };
  walk(nodes);
  return found;
}
