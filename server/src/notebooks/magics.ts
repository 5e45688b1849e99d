// IPython syntax in a notebook cell (`%magic`, `%%cell_magic`, `!shell`, `name = !shell`, `obj?`)
// is not Python. It is replaced by Python of the same length on the same lines, so the cell parses
// and every offset of the masked text is the offset of the same character in the cell.

/** A range `[start, end)` of a cell's text. */
export interface Span {
  start: number;
  end: number;
}

/** A cell's text with its IPython syntax replaced, or why the cell is not Python at all. */
export type MaskedCell = { text: string; masked: Span[]; cellMagic: boolean } | { notPython: string };

/**
 * Cell magics whose body is Python (IPython runs it as Python): their first line is blanked and
 * the body analysed. Every other cell magic (`%%bash`, `%%sql`, `%%html`, `%%writefile`...) makes
 * the cell another language.
 */
const pythonCellMagics = new Set(['time', 'timeit', 'capture', 'prun', 'debug', 'python', 'python3', 'pypy']);

/**
 * Replaces IPython syntax at the start of each logical line with `_` (an expression of unknown
 * origin, so `files = !ls` leaves `files` unknown rather than constant) padded with spaces; the
 * lines a trailing backslash continues are blanked. Lines inside strings and brackets are left
 * alone, as IPython does.
 */
export function maskIpython(source: string): MaskedCell {
  const firstLine = /^%%(\S*)/.exec(source);
  const masked: Span[] = [];
  let text = source;
  const blank = (start: number, end: number, keep = '') => {
    if (end <= start) return;
    const replaced = text.slice(start, end).replace(/[^\r\n]/g, ' ');
    text = text.slice(0, start) + keep + replaced.slice(keep.length) + text.slice(end);
    masked.push({ start, end });
  };
  let from = 0;
  if (firstLine) {
    if (!pythonCellMagics.has(firstLine[1])) return { notPython: `%%${firstLine[1]} cell` };
    from = lineEnd(source, 0);
    blank(0, from);
  }
  for (const line of logicalLineStarts(source, from)) {
    const rest = source.slice(line.start, line.end);
    const indent = /^[ \t]*/.exec(rest)![0].length;
    const start = line.start + indent;
    const body = source.slice(start, line.end);
    let at: number | undefined;
    if (/^(?:%|!|\?)/.test(body) || /^[\w.]+\?{1,2}\s*$/.test(body)) at = start;
    else {
      // `name = %magic ...`, `a, b = !cmd`: the assigned value is the magic.
      const assignment = /^[\w.]+(?:\s*,\s*[\w.]+)*\s*=\s*(?=[%!])/.exec(body);
      if (assignment) at = start + assignment[0].length;
    }
    if (at === undefined) continue;
    blank(at, line.end, '_');
    // A magic continued with a backslash takes the next physical lines with it.
    let end = line.end;
    while (source[end - 1] === '\\' || (source[end - 1] === '\r' && source[end - 2] === '\\')) {
      const next = nextLineStart(source, end);
      if (next >= source.length) break;
      end = lineEnd(source, next);
      blank(next, end);
    }
  }
  return { text, masked, cellMagic: !!firstLine };
}

function lineEnd(text: string, from: number): number {
  const match = /\r\n|\r|\n/g;
  match.lastIndex = from;
  return match.exec(text)?.index ?? text.length;
}

function nextLineStart(text: string, end: number): number {
  if (text[end] === '\r' && text[end + 1] === '\n') return end + 2;
  return end + 1;
}

/**
 * The physical lines that start a logical line (not inside a string, a bracket or after a
 * backslash continuation), each from its start to its end (without the line break). Comments end
 * at the line break; strings follow Python's quoting (prefixes do not matter for where they end).
 */
function logicalLineStarts(text: string, from: number): Span[] {
  const lines: Span[] = [];
  let depth = 0;
  let quote: string | undefined;
  let continued = false;
  let i = from;
  while (i < text.length) {
    const end = lineEnd(text, i);
    if (!quote && depth === 0 && !continued) lines.push({ start: i, end });
    continued = false;
    let j = i;
    while (j < end) {
      const c = text[j];
      if (quote) {
        if (c === '\\') j += 2;
        else if (text.startsWith(quote, j)) {
          j += quote.length;
          quote = undefined;
        } else j++;
        continue;
      }
      if (c === '#') break;
      if (c === '"' || c === "'") {
        quote = text.startsWith(c.repeat(3), j) ? c.repeat(3) : c;
        j += quote.length;
        continue;
      }
      if (c === '(' || c === '[' || c === '{') depth++;
      else if ((c === ')' || c === ']' || c === '}') && depth > 0) depth--;
      else if (c === '\\' && j === end - 1) continued = true;
      j++;
    }
    // A single-quoted string ends at the line break (an error Python reports; the next line starts afresh).
    if (quote && quote.length === 1 && !(j > end)) quote = undefined;
    if (end >= text.length) break;
    i = nextLineStart(text, end);
  }
  return lines;
}
