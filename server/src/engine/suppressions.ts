import type { RuleMeta } from '../ruleApi/types';

/** What one comment suppresses: everything, or the listed ids (ours, Bandit's or Ruff's). */
export interface Suppression {
  all: boolean;
  ids: Set<string>;
}

/** Our own comment names rule ids and takes a reason: `# psg-ignore: PSG101 -- query comes from a constant table`. */
export const OWN_SUPPRESSION = 'psg-ignore';

// Starts only at the beginning of a run of letters: without the lookbehind a long run of letters backtracks
// quadratically.
const idList = /(?<![A-Za-z])[A-Za-z]+[0-9]+/g;

/** What every suppression comment holds: a `#` and one of the three markers. */
export const suppressionMarker = /#\s*(psg-ignore|nosec|noqa)\b/i;
/** The same, to find every marker in a file. */
export const suppressionMarkers = /#\s*(psg-ignore|nosec|noqa)\b/gi;

/** Parses a comment; undefined when it suppresses nothing. */
export function parseSuppression(comment: string): Suppression | undefined {
  const marker = suppressionMarker.exec(comment);
  if (!marker) return undefined;
  let rest = comment.slice(marker.index + marker[0].length);
  const reason = rest.indexOf('--');
  if (reason >= 0) rest = rest.slice(0, reason);
  // Ruff's `# noqa` takes codes only after a colon; anything else is a bare, blanket noqa.
  if (marker[1].toLowerCase() === 'noqa' && !/^\s*:/.test(rest)) rest = '';
  const ids = new Set((rest.match(idList) ?? []).map((id) => id.toUpperCase()));
  return { all: ids.size === 0, ids };
}

export function suppresses(suppression: Suppression, meta: RuleMeta): boolean {
  if (suppression.all) return true;
  return [meta.id, ...meta.bandit, ...meta.ruff].some((id) => suppression.ids.has(id.toUpperCase()));
}

/** The comment the "suppress on this line" action appends. */
export function suppressionComment(ruleId: string): string {
  return `# ${OWN_SUPPRESSION}: ${ruleId} -- reason: explain why this is safe`;
}

/** What a tokenizer-level scan knows about one physical line. */
interface ScannedLine {
  /** Offset just past the line's text (its line break not included). */
  end: number;
  /** The line ends in code, outside every string and without a `\` continuation: a comment may follow. */
  free: boolean;
  /** Offset of the `#` of the comment the line ends with, or -1. */
  comment: number;
  /** The logical line (statement) ends with this line. */
  logicalEnd: boolean;
  /** The first physical line of the logical line this one belongs to. */
  logicalStart: number;
}

type ScanMode =
  | { kind: 'code'; depth: number; field: boolean }
  | { kind: 'string'; quote: string; triple: boolean; f: boolean }
  | { kind: 'spec'; depth: number };

const stringPrefix = /^(?:[rRuUbBfFtT]|[rR][bBfFtT]|[bBfFtT][rR])$/;
const identifierCharacter = /[\p{L}\p{N}_]/u;

/**
 * Scans Python source the way its tokenizer splits it into lines, up to the end of the logical
 * line holding `untilLine`: strings (prefixes, triple quotes, escapes, f-string replacement fields
 * and format specs), comments, brackets and `\` continuations.
 */
function scanLines(text: string, untilLine: number): ScannedLine[] {
  const lines: ScannedLine[] = [];
  const stack: ScanMode[] = [{ kind: 'code', depth: 0, field: false }];
  let comment = -1;
  let continued = false;
  let logicalStart = 0;
  const endLine = (end: number): boolean => {
    const root = stack.length === 1 ? (stack[0] as { kind: 'code'; depth: number }) : undefined;
    const free = !!root && !continued;
    const logicalEnd = free && root.depth <= 0;
    lines.push({ end, free, comment, logicalEnd, logicalStart });
    comment = -1;
    continued = false;
    if (logicalEnd) logicalStart = lines.length;
    return logicalEnd && lines.length > untilLine;
  };
  /** Length of the line break at `i`, 0 when there is none. */
  const lineBreak = (i: number): number =>
    text[i] === '\r' ? (text[i + 1] === '\n' ? 2 : 1) : text[i] === '\n' ? 1 : 0;
  let i = 0;
  while (i < text.length) {
    const mode = stack[stack.length - 1];
    const ch = text[i];
    const newline = lineBreak(i);
    if (mode.kind === 'code') {
      if (newline) {
        if (endLine(i)) return lines;
        i += newline;
      } else if (ch === '#') {
        comment = i;
        while (i < text.length && !lineBreak(i)) i++;
      } else if (ch === '\\' && lineBreak(i + 1)) {
        continued = true;
        if (endLine(i + 1)) return lines;
        i += 1 + lineBreak(i + 1);
      } else if (ch === '"' || ch === "'") {
        i = openString(text, i, '', stack);
      } else if (identifierCharacter.test(ch)) {
        let end = i;
        while (end < text.length && identifierCharacter.test(text[end])) end++;
        const word = text.slice(i, end);
        if ((text[end] === '"' || text[end] === "'") && stringPrefix.test(word)) i = openString(text, end, word, stack);
        else i = end;
      } else if (ch === '(' || ch === '[' || ch === '{') {
        mode.depth++;
        i++;
      } else if (ch === ')' || ch === ']' || ch === '}') {
        if (ch === '}' && mode.field && mode.depth === 0) stack.pop();
        else mode.depth--;
        i++;
      } else if (ch === ':' && mode.field && mode.depth === 0) {
        stack[stack.length - 1] = { kind: 'spec', depth: 0 };
        i++;
      } else i++;
    } else if (mode.kind === 'string') {
      if (newline) {
        if (!mode.triple) stack.pop(); // an unterminated string ends with its line
        if (endLine(i)) return lines;
        i += newline;
      } else if (ch === '\\') {
        const escaped = lineBreak(i + 1);
        if (escaped) {
          if (endLine(i + 1)) return lines;
          i += 1 + escaped;
        } else i += 2;
      } else if (mode.triple ? text.startsWith(mode.quote.repeat(3), i) : ch === mode.quote) {
        stack.pop();
        i += mode.triple ? 3 : 1;
      } else if (mode.f && (ch === '{' || ch === '}')) {
        if (text[i + 1] === ch) i += 2;
        else {
          if (ch === '{') stack.push({ kind: 'code', depth: 0, field: true });
          i++;
        }
      } else i++;
    } else {
      // A format spec: text, with nested replacement fields, up to the `}` that closes the field.
      if (newline) {
        if (endLine(i)) return lines;
        i += newline;
      } else if (ch === '{') {
        stack.push({ kind: 'code', depth: 0, field: true });
        i++;
      } else if (ch === '}') {
        stack.pop();
        i++;
      } else i++;
    }
  }
  endLine(text.length);
  return lines;
}

function openString(text: string, at: number, prefix: string, stack: ScanMode[]): number {
  const quote = text[at];
  const triple = text.startsWith(quote.repeat(3), at);
  stack.push({ kind: 'string', quote, triple, f: /[fFtT]/.test(prefix) });
  return at + (triple ? 3 : 1);
}

/** An edit by offsets into the text. */
export interface SuppressionEdit {
  start: number;
  end: number;
  newText: string;
}

const ownComment = /#\s*psg-ignore\s*:?\s*([A-Za-z0-9, ]*)/;

/**
 * Where "suppress on this line" puts its comment for a finding that starts at `offset`, as an
 * edit: a place CPython accepts a comment (not after a `\` continuation, not inside a string)
 * that the engine honours (the finding's line, or the first or last line of its statement).
 * The finding's own line comes first, then the statement's last line, then its first; a line
 * that already holds a `# psg-ignore` comment is preferred, and the id is added to it.
 */
export function suppressionEditAt(text: string, offset: number, ruleId: string): SuppressionEdit {
  let line = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n' || (text[i] === '\r' && text[i + 1] !== '\n')) line++;
  }
  const lines = scanLines(text, line);
  const at = Math.min(line, lines.length - 1);
  let last = at;
  while (last < lines.length - 1 && !lines[last].logicalEnd) last++;
  const candidates = [at, last, lines[at].logicalStart].filter((n) => lines[n].free);
  const lineStart = (n: number) =>
    n === 0 ? 0 : lines[n - 1].end + (text[lines[n - 1].end] === '\r' && text[lines[n - 1].end + 1] === '\n' ? 2 : 1);
  const existing = candidates.find(
    (n) => lines[n].comment >= 0 && ownComment.test(text.slice(lines[n].comment, lines[n].end)),
  );
  if (existing !== undefined) {
    const commentText = text.slice(lines[existing].comment, lines[existing].end);
    const match = ownComment.exec(commentText)!;
    const insert = lines[existing].comment + match.index + match[0].trimEnd().length;
    return { start: insert, end: insert, newText: match[1].trim() ? `, ${ruleId}` : ` ${ruleId}` };
  }
  const chosen = candidates[0] ?? last;
  const end = lines[chosen].end;
  const content = text.slice(lineStart(chosen), end);
  return { start: end, end, newText: `${/\S/.test(content) ? '  ' : ''}${suppressionComment(ruleId)}` };
}
