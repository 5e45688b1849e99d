import type { Node } from '../parser/parser';
import type { ModelView } from '../semantic/model';
import type { TextPart } from '../semantic/strings';
import type { TextEdit } from '../ruleApi/types';

/**
 * Reads the file's text between two offsets (an end past the file reads to its end). A rule passes
 * `context.textOf`, which records what it read; `readerOf` reads a string as it is.
 */
export type TextReader = (start: number, end: number) => string;

export function readerOf(text: string): TextReader {
  return (start, end) => text.slice(start, end);
}

/** What a fix builder that adds an import reads: the model, and the file's text through a recording reader. */
export interface FileView {
  readonly model: ModelView;
  readonly textOf: TextReader;
}

/** Characters read at a time when looking for a line break. */
const CHUNK = 256;

/** The text from the start of the line that holds `offset` up to `offset`, read backwards a chunk at a time. */
export function lineBefore(read: TextReader, offset: number): string {
  let line = '';
  for (let end = offset; end > 0; end -= CHUNK) {
    const chunk = read(Math.max(0, end - CHUNK), end);
    const lineBreakAt = Math.max(chunk.lastIndexOf('\n'), chunk.lastIndexOf('\r'));
    if (lineBreakAt >= 0) return chunk.slice(lineBreakAt + 1) + line;
    line = chunk + line;
  }
  return line;
}

/** Leading whitespace of the line that holds `offset`. */
export function indentationAt(read: TextReader, offset: number): string {
  return /^[ \t]*/.exec(lineBefore(read, offset))![0];
}

/** The line break the file uses: its first one, read from the start a chunk at a time (`\n` when it has none). */
export function lineBreak(read: TextReader): string {
  for (let start = 0; ; start += CHUNK) {
    // One character more than a chunk, so that a `\r` at its end is seen with what follows it.
    const chunk = read(start, start + CHUNK + 1);
    const match = /\r\n|\n|\r/.exec(chunk);
    if (match && (match.index < CHUNK || chunk.length <= CHUNK)) return match[0];
    if (chunk.length <= CHUNK) return '\n';
  }
}

/** Where the line that holds `offset` ends: its line break, or the end of the file; read a chunk at a time. */
function lineEnd(read: TextReader, offset: number): number {
  for (let start = offset; ; start += CHUNK) {
    const chunk = read(start, start + CHUNK);
    const found = /\r|\n/.exec(chunk);
    if (found) return start + found.index;
    if (chunk.length < CHUNK) return start + chunk.length;
  }
}

/**
 * Renders literal text parts (kept in their source escaping) as one Python string literal.
 * Undefined when that cannot be done without changing the value (mixed raw and escaped text).
 */
export function renderStringLiteral(
  parts: readonly TextPart[],
  texts: readonly string[] = parts.map((p) => p.text),
): string | undefined {
  const triple = parts.find((part) => part.quote.length === 3)?.quote;
  const quote = triple ?? parts[0]?.quote ?? '"';
  const anyRaw = parts.some((part) => part.raw && /\\/.test(part.text));
  const allRaw = parts.length > 0 && parts.every((part) => part.raw);
  if (anyRaw && !allRaw) return undefined;
  let body = '';
  for (let i = 0; i < texts.length; i++) {
    let piece = texts[i];
    const from = parts[i]?.quote ?? quote;
    if (quote.length === 1) {
      const q = quote;
      if (/[\r\n]/.test(piece)) {
        if (allRaw) return undefined;
        piece = piece.replace(/\r/g, '\\r').replace(/\n/g, '\\n');
      }
      if (from[0] !== q && piece.includes(q)) {
        if (allRaw) return undefined;
        piece = escapeUnescaped(piece, q);
      }
    } else if (piece.includes(quote)) return undefined;
    body += piece;
  }
  if (quote.length === 3 && body.endsWith(quote[0])) return undefined;
  return `${allRaw ? 'r' : ''}${quote}${body}${quote}`;
}

function escapeUnescaped(text: string, quote: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\') {
      out += ch + (text[i + 1] ?? '');
      i++;
    } else out += ch === quote ? `\\${ch}` : ch;
  }
  return out;
}

/** A name not yet used in the file, starting from `base`. */
export function freshName(isUsed: (pattern: RegExp) => boolean, base: string): string {
  for (let i = 1; ; i++) {
    const candidate = i === 1 ? base : `${base}_${i}`;
    if (!isUsed(new RegExp(`\\b${candidate}\\b`))) return candidate;
  }
}

/**
 * Makes `name` from `module` available: nothing when it is already imported under that name, an
 * insertion after the last top-level import (or after the docstring and `__future__` imports)
 * otherwise. Undefined when the name is taken by something else.
 */
export function ensureImported(
  file: FileView,
  module: string,
  name: string,
  at: Node,
): { edits: TextEdit[] } | undefined {
  const { model } = file;
  const qualified = `${module}.${name}`;
  const binding = model.bindingAt(name, at);
  if (binding?.kind === 'import' && binding.qualifiedName === qualified) return { edits: [] };
  if (binding || model.isBound(name, at)) return undefined;
  return { edits: [importInsertion(file, `from ${module} import ${name}`)] };
}

/**
 * Makes a plain `import module` (dotted: `import defusedxml.ElementTree`) available, so that code
 * can write `module.name`. Undefined when the first name of the module is bound to something else.
 */
export function ensureModuleImported(file: FileView, module: string, at: Node): { edits: TextEdit[] } | undefined {
  const { model } = file;
  const first = module.split('.')[0];
  const binding = model.bindingAt(first, at);
  if (binding?.kind === 'import' && binding.qualifiedName === first && model.importedModules.has(module))
    return { edits: [] };
  if (binding && !(binding.kind === 'import' && binding.qualifiedName === first)) return undefined;
  if (!binding && model.isBound(first, at)) return undefined;
  return { edits: [importInsertion(file, `import ${module}`)] };
}

/**
 * An insertion of `statement` on its own line after the last top-level import, or after the
 * docstring and `__future__` imports; a comment at the end of that line stays on it. With neither,
 * below the module's leading comments (shebang, encoding line, license header): at the blank line
 * that ends them, or after all of them when they run straight into the code.
 */
function importInsertion({ model, textOf: read }: FileView, statement: string): TextEdit {
  const eol = lineBreak(read);
  let anchor: Node | undefined;
  for (const child of model.root.namedChildren) {
    if (!child) continue;
    if (
      child.type === 'import_statement' ||
      child.type === 'import_from_statement' ||
      child.type === 'future_import_statement'
    )
      anchor = child;
    else if (
      child.type === 'expression_statement' &&
      child.namedChildren[0]?.type === 'string' &&
      !anchor &&
      child.startIndex === firstCodeOffset(model)
    )
      anchor = child;
    else if (child.type !== 'comment') break;
  }
  if (anchor) {
    const end = lineEnd(read, anchor.endIndex);
    // `import os  # noqa` keeps its comment; `import os; x = 1` gets the import right after `import os`.
    const at = /^[ \t]*(#.*)?$/.test(read(anchor.endIndex, end)) ? end : anchor.endIndex;
    return { start: at, end: at, newText: `${eol}${statement}` };
  }
  const code = firstCodeOffset(model);
  // The lines before the code, each with its line break (`\r\n` is two characters).
  const at = leadingCommentsEnd(read(0, lineEnd(read, code) + 2), code);
  return { start: at, end: at, newText: `${statement}${eol}` };
}

/**
 * Where an import goes among the comments and blank lines before the first code (`code`): after
 * the last blank line whose following comments lead straight into the code (a comment about that
 * code stays with it), or right before the code when no blank line separates the comments from it.
 */
function leadingCommentsEnd(text: string, code: number): number {
  const lines: { start: number; blank: boolean }[] = [];
  const pattern = /[^\r\n]*(?:\r\n|\n|\r|$)/g;
  for (let match = pattern.exec(text); match && match.index < code && match[0] !== ''; match = pattern.exec(text)) {
    lines.push({ start: match.index, blank: /^[ \t\f]*(?:\r\n|\n|\r)?$/.test(match[0]) });
  }
  const startOf = (i: number) => (i < lines.length ? lines[i].start : code);
  let at = code;
  for (let i = lines.length - 1; i >= 0; i--) {
    if (lines[i].blank) {
      at = startOf(i + 1);
      break;
    }
  }
  // A shebang must stay on line 1 and an encoding declaration on line 1 or 2 to take effect.
  const lineText = (i: number) => text.slice(startOf(i), startOf(i + 1));
  const coding = /^[ \t\f]*#.*?coding[:=][ \t]*[-\w.]+/;
  if (lines.length > 0 && (/^#!/.test(lineText(0)) || coding.test(lineText(0)))) at = Math.max(at, startOf(1));
  if (lines.length > 1 && coding.test(lineText(1))) at = Math.max(at, startOf(2));
  return at;
}

function firstCodeOffset(model: ModelView): number {
  const first = model.root.namedChildren.find((child) => child && child.type !== 'comment');
  return first ? first.startIndex : 0;
}

/** The statement that holds `node`, when it is a statement on its own lines (not after `if x:` on one line). */
export function ownLineStatement(node: Node, read: TextReader): Node | undefined {
  let current: Node | null = node;
  while (current && !/(_statement)$/.test(current.type)) current = current.parent;
  if (!current) return undefined;
  const parent = current.parent;
  if (!parent || (parent.type !== 'block' && parent.type !== 'module')) return undefined;
  return /^[ \t]*$/.test(lineBefore(read, current.startIndex)) ? current : undefined;
}

/**
 * Why statements inserted before the statement that holds `node` would not run where `node` runs,
 * or undefined when they would: `node` is evaluated once, unconditionally, in the statement's own
 * scope, before anything else in it binds a name. Expressions in a comprehension, a lambda, a
 * branch of `x if c else y`, the right of `and`/`or`, a `with` item after the first, an `elif` or
 * `while` condition, a function's signature or decorator, a `case` guard, an f-string, an `assert`
 * message... are not. Use it before `ownLineStatement` to move code out of an expression.
 */
export function statementInsertionBlocker(node: Node): string | undefined {
  let child = node;
  for (let current = node.parent; current; child = current, current = current.parent) {
    const reason = insertionBlockerAt(current, child, node);
    if (reason) return reason;
    if (current.parent?.type === 'block' || current.parent?.type === 'module')
      return assignmentExpressionBefore(current, node);
  }
  return undefined;
}

const within = (node: Node, outer: Node) => node.startIndex >= outer.startIndex && node.endIndex <= outer.endIndex;
const meaningful = (node: Node) => node.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');

function insertionBlockerAt(current: Node, child: Node, node: Node): string | undefined {
  const is = (field: string) => current.childrenForFieldName(field).some((c) => c.id === child.id);
  switch (current.type) {
    case 'lambda':
      return "the path is built inside a lambda: a statement before it cannot see the lambda's parameters and runs once, not on each call";
    case 'list_comprehension':
    case 'set_comprehension':
    case 'dictionary_comprehension':
    case 'generator_expression': {
      // Only the first iterable is evaluated once, in the enclosing scope.
      const first = current.namedChildren.find((c) => c?.type === 'for_in_clause');
      if (first && first.childrenForFieldName('right').some((iterable) => within(node, iterable))) return undefined;
      return current.type === 'generator_expression'
        ? 'the path is built inside a generator expression: a statement before it cannot see its variables and runs before the generator does'
        : 'the path is built inside a comprehension: a statement before it cannot see its variables';
    }
    case 'conditional_expression':
      return meaningful(current)[1]?.id === child.id
        ? undefined
        : 'the path is built in one branch of a conditional expression (`a if c else b`): a statement before it would run whatever the condition';
    case 'boolean_operator':
      return is('right')
        ? `the path is built on the right of \`${current.childForFieldName('operator')?.text ?? 'and'}\`, which does not always run: a statement before it would`
        : undefined;
    case 'comparison_operator':
      return meaningful(current).findIndex((c) => c.id === child.id) >= 2
        ? 'the path is built in a chained comparison, which may stop before it'
        : undefined;
    case 'with_clause':
      return meaningful(current)[0]?.id === child.id
        ? undefined
        : 'the path is built in a `with` item after the first: a statement before the `with` would run before the earlier items are entered and bound';
    case 'as_pattern':
      return is('alias') ? 'the path is built in an `as` target, assigned after the value is computed' : undefined;
    case 'elif_clause':
      return is('condition')
        ? 'the path is built in an `elif` condition: a statement before the `if` would run before the first condition is tested'
        : undefined;
    case 'while_statement':
      return is('condition')
        ? 'the path is built in a `while` condition, evaluated again on each iteration: a statement before the loop runs once'
        : undefined;
    case 'for_statement':
    case 'for_in_clause':
      return is('left') ? 'the path is built in a `for` target, assigned on each iteration' : undefined;
    case 'decorator':
      return "the path is built in a decorator, evaluated before the definition's other parts";
    case 'function_definition':
    case 'class_definition':
      return 'the path is built in a function or class header (a default value, an annotation, a base class), evaluated when it is defined';
    case 'case_clause':
      return 'the path is built in a `case` guard, evaluated only when the pattern matches';
    case 'interpolation':
      return 'the path is built inside an f-string';
    case 'assert_statement':
      return meaningful(current)[1]?.id === child.id
        ? 'the path is built in an `assert` message, evaluated only when the assertion fails'
        : undefined;
    case 'except_clause':
    case 'except_group_clause':
      return 'the path is built in an `except` clause, evaluated only when an exception is raised';
    case 'assignment':
      return is('type') ? 'the path is built in an annotation, which may never be evaluated' : undefined;
    case 'type_alias_statement':
    case 'type_parameter':
      return 'the path is built in a type alias or type parameter, evaluated lazily';
    default:
      return undefined;
  }
}

/** An assignment expression (`n := ...`) earlier in `statement` than `node`: it would run after the inserted code. */
function assignmentExpressionBefore(statement: Node, node: Node): string | undefined {
  const stack: Node[] = [statement];
  while (stack.length) {
    const current = stack.pop()!;
    if (current.startIndex >= node.startIndex) continue;
    if (current.type === 'named_expression' && !within(node, current))
      return 'an assignment expression (`:=`) earlier in the statement would run after a statement inserted before it';
    for (const c of current.namedChildren) if (c) stack.push(c);
  }
  return undefined;
}

/**
 * The modules `import pathlib` imports at module level (directly or transitively) in CPython 3.11:
 * a module-level `from pathlib import Path` in one of them makes an import cycle (pathlib would
 * import it half-initialised). Produced by `python3 -S -I -c 'import sys; a = set(sys.modules);
 * import pathlib; print(sorted(set(sys.modules) - a))'` together with a walk of the import
 * statements outside function bodies in the stdlib sources from pathlib.py (which also finds the
 * modules the interpreter preloads: io, abc); C-only and Windows-only modules left out.
 */
export const modulesImportedByPathlib: ReadonlySet<string> = new Set([
  '_collections_abc',
  '_py_abc',
  '_weakrefset',
  'abc',
  'collections',
  'copyreg',
  'enum',
  'errno',
  'fnmatch',
  'functools',
  'genericpath',
  'io',
  'ipaddress',
  'itertools',
  'keyword',
  'ntpath',
  'operator',
  'os',
  'pathlib',
  'posixpath',
  're',
  're._casefix',
  're._compiler',
  're._constants',
  're._parser',
  'reprlib',
  'stat',
  'sys',
  'types',
  'urllib',
  'urllib.parse',
  'warnings',
]);

const importedBy: ReadonlyMap<string, ReadonlySet<string>> = new Map([['pathlib', modulesImportedByPathlib]]);

/**
 * Why a module-level `import module` must not be added to the file at `filePath`: the file looks
 * like a module that `module` itself imports (its name, `os.py` or `re/_parser.py`, is one of
 * them), so the import would be a cycle. Undefined when it may be added or the file is unknown.
 */
export function importCycleBlocker(module: string, filePath: string | undefined): string | undefined {
  const imports = importedBy.get(module);
  if (!imports || !filePath) return undefined;
  const parts = filePath.split(/[\\/]/).filter(Boolean);
  const file = parts.pop() ?? '';
  if (!/\.pyi?$/.test(file)) return undefined;
  let stem = file.replace(/\.pyi?$/, '');
  const folder = parts.pop();
  if (stem === '__init__') {
    if (!folder) return undefined;
    stem = folder;
  }
  const dotted = folder && stem !== folder ? `${folder}.${stem}` : undefined;
  const name = dotted && imports.has(dotted) ? dotted : imports.has(stem) ? stem : undefined;
  if (!name) return undefined;
  return `this file looks like the module \`${name}\`, which \`${module}\` itself imports: importing \`${module}\` at its top would be an import cycle`;
}

/** Counts whole-word occurrences of `name` in `[start, end)` of `text`. */
export function countName(text: string, name: string, start: number, end: number): number {
  return (text.slice(start, end).match(new RegExp(`(?<![\\w.])${name}\\b`, 'g')) ?? []).length;
}
