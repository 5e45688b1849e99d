import type { TextEdit } from './types';
import { partitionPoint } from './search';

/** Applies non-overlapping edits (any order) to `text`. Throws on overlap: a fix must never produce one. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let result = '';
  let cursor = 0;
  for (const edit of sorted) {
    if (edit.start < cursor || edit.end < edit.start || edit.end > text.length)
      throw new Error('overlapping or out-of-range edits');
    result += text.slice(cursor, edit.start) + edit.newText;
    cursor = edit.end;
  }
  return result + text.slice(cursor);
}

/**
 * Offset ↔ line/column (0-based, UTF-16) for a fixed text. Lines end at \n, \r\n or a lone \r, as in LSP. The line
 * starts are kept in one typed array, so the index of an edited text is one allocation and one copy (see `edited`).
 */
export class LineIndex {
  private readonly starts: Int32Array;

  constructor(
    readonly text: string,
    starts?: Int32Array,
  ) {
    this.starts = starts ?? Int32Array.from([0, ...lineStartsIn(text, 0, text.length)]);
  }

  /**
   * The index of `text`, which is this index's text with [start, end) replaced by `length`
   * characters: line starts before the change are kept, those after it moved, and only the lines
   * around the change are read again.
   */
  edited(text: string, start: number, end: number, length: number): LineIndex {
    const delta = length - (end - start);
    const old = this.starts;
    // From the line before the one holding `start` (a `\r` just before the change may join a `\n` in it)...
    let first = this.lineOf(start);
    if (first > 0) first--;
    const from = old[first];
    // ...to the first line start after the change, plus one character (a `\r\n` may form there).
    let last = this.lineOf(end) + 1;
    const to = Math.min(text.length, (last < old.length ? old[last] + delta : text.length) + 1);
    const found = lineStartsIn(text, from, to);
    const reached = found.length ? found[found.length - 1] : from;
    while (last < old.length && old[last] + delta <= Math.max(reached, to - 1)) last++;
    const starts = new Int32Array(first + 1 + found.length + old.length - last);
    starts.set(old.subarray(0, first + 1));
    starts.set(found, first + 1);
    for (let i = last, at = first + 1 + found.length; i < old.length; i++, at++) starts[at] = old[i] + delta;
    return new LineIndex(text, starts);
  }

  private lineOf(offset: number): number {
    return Math.max(0, partitionPoint(this.starts, (start) => start <= offset) - 1);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  position(offset: number): { line: number; character: number } {
    const line = this.lineOf(offset);
    return { line, character: offset - this.starts[line] };
  }

  offset(line: number, character: number): number {
    if (line >= this.starts.length) return this.text.length;
    return Math.min(
      this.starts[line] + character,
      line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length,
    );
  }

  lineStart(line: number): number {
    return this.starts[Math.min(line, this.starts.length - 1)];
  }

  /** The line's text without its line break. */
  lineText(line: number): string {
    const start = this.lineStart(line);
    const end = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
    return this.text.slice(start, end).replace(/\r?\n$|\r$/, '');
  }
}

/**
 * The offsets where lines start after the line breaks in text[from, to) (a \r\n is one break; one ending exactly at
 * `to` counts).
 */
function lineStartsIn(text: string, from: number, to: number): number[] {
  const starts: number[] = [];
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (code === 10) starts.push(i + 1);
  }
  return starts;
}

/**
 * Where the line that holds `offset` starts (after `\n`, `\r` or `\r\n`). Scans back only to the
 * previous line break: `lastIndexOf('\r')` would scan to the start of a file without one, for every
 * fix, which made large files quadratic.
 */
export function lineStartAt(text: string, offset: number): number {
  let at = offset;
  while (at > 0) {
    const ch = text.charCodeAt(at - 1);
    if (ch === 10 || ch === 13) break;
    at--;
  }
  return at;
}

/** Whether the UTF-16 unit `code` is an ASCII word character (`\w`: a letter, a digit or `_`); NaN (outside a text) is not. */
export function isAsciiWordCharacter(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95;
}

/**
 * `s` as a string of its own. A JavaScript engine may keep a substring as a view into the string it was sliced from
 * (V8 does from 13 characters on): a name read from a file and kept where it outlives the file's analysis would keep
 * the file's whole text alive. Concatenating, then slicing, makes V8 copy the characters: the slice is taken from the
 * flattened concatenation, which shares nothing with `s`'s text.
 */
export function detachedString(s: string): string {
  return (s + ' ').slice(0, -1);
}
