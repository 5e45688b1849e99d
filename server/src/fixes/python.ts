import type { Node } from '../engine/parser';
import type { SemanticModel } from '../semantic/model';
import type { TextPart } from '../semantic/strings';
import type { TextEdit } from '../rules/types';

/** Leading whitespace of the line that holds `offset`. */
export function indentationAt(text: string, offset: number): string {
  const lineStart = Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart, offset))![0];
}

/** The line break the file uses. */
export function lineBreak(text: string): string {
  const match = /\r\n|\n|\r/.exec(text);
  return match ? match[0] : '\n';
}

/**
 * Renders literal text parts (kept in their source escaping) as one Python string literal.
 * Undefined when that cannot be done without changing the value (mixed raw and escaped text).
 */
export function renderStringLiteral(parts: readonly TextPart[], texts: readonly string[] = parts.map((p) => p.text)): string | undefined {
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
export function ensureImported(model: SemanticModel, module: string, name: string, at: Node): { edits: TextEdit[] } | undefined {
  const qualified = `${module}.${name}`;
  const binding = model.bindingAt(name, at);
  if (binding?.kind === 'import' && binding.qualifiedName === qualified) return { edits: [] };
  if (binding || model.isBound(name, at)) return undefined;
  return { edits: [importInsertion(model, `from ${module} import ${name}`)] };
}

/**
 * Makes a plain `import module` (dotted: `import defusedxml.ElementTree`) available, so that code
 * can write `module.name`. Undefined when the first name of the module is bound to something else.
 */
export function ensureModuleImported(model: SemanticModel, module: string, at: Node): { edits: TextEdit[] } | undefined {
  const first = module.split('.')[0];
  const binding = model.bindingAt(first, at);
  if (binding?.kind === 'import' && binding.qualifiedName === first && model.importedModules.has(module)) return { edits: [] };
  if (binding && !(binding.kind === 'import' && binding.qualifiedName === first)) return undefined;
  if (!binding && model.isBound(first, at)) return undefined;
  return { edits: [importInsertion(model, `import ${module}`)] };
}

/** An insertion of `statement` after the last top-level import (or after the docstring and `__future__` imports). */
function importInsertion(model: SemanticModel, statement: string): TextEdit {
  const text = model.text;
  const eol = lineBreak(text);
  let anchor: Node | undefined;
  for (const child of model.root.namedChildren) {
    if (!child) continue;
    if (child.type === 'import_statement' || child.type === 'import_from_statement' || child.type === 'future_import_statement') anchor = child;
    else if (child.type === 'expression_statement' && child.namedChildren[0]?.type === 'string' && !anchor && child.startIndex === firstCodeOffset(model)) anchor = child;
    else if (child.type !== 'comment') break;
  }
  if (anchor) return { start: anchor.endIndex, end: anchor.endIndex, newText: `${eol}${statement}` };
  return { start: 0, end: 0, newText: `${statement}${eol}` };
}

function firstCodeOffset(model: SemanticModel): number {
  const first = model.root.namedChildren.find((child) => child && child.type !== 'comment');
  return first ? first.startIndex : 0;
}

/** The statement that holds `node`, when it is a statement on its own lines (not after `if x:` on one line). */
export function ownLineStatement(node: Node, text: string): Node | undefined {
  let current: Node | null = node;
  while (current && !/(_statement)$/.test(current.type)) current = current.parent;
  if (!current) return undefined;
  const parent = current.parent;
  if (!parent || (parent.type !== 'block' && parent.type !== 'module')) return undefined;
  const before = text.slice(Math.max(text.lastIndexOf('\n', current.startIndex - 1), text.lastIndexOf('\r', current.startIndex - 1)) + 1, current.startIndex);
  return /^[ \t]*$/.test(before) ? current : undefined;
}

/** Counts whole-word occurrences of `name` in `[start, end)` of `text`. */
export function countName(text: string, name: string, start: number, end: number): number {
  return (text.slice(start, end).match(new RegExp(`(?<![\\w.])${name}\\b`, 'g')) ?? []).length;
}
