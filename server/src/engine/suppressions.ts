import type { AnalysisSettings, CheckSelection } from '../config/settings';
import type { Node } from '../parser/parser';
import type { Confidence, RuleMeta, Severity } from '../ruleApi/types';
import { partitionPoint } from '../core/search';

/** Which comment it is: ours, Bandit's or Ruff's. Each tool's comment counts on the lines that tool reads it on. */
export type SuppressionKind = 'psg-ignore' | 'nosec' | 'noqa';

/** What one comment suppresses: everything, or the listed ids (ours, Bandit's or Ruff's). */
export interface Suppression {
  kind: SuppressionKind;
  all: boolean;
  ids: Set<string>;
}

/** Our own comment names rule ids and takes a reason: `# psg-ignore: PSG101 -- query comes from a constant table`. */
export const OWN_SUPPRESSION = 'psg-ignore';

// Starts only at the beginning of a run of letters: without the lookbehind a long run of letters backtracks
// quadratically.
const idList = /(?<![A-Za-z])[A-Za-z]+[0-9]+/g;

/**
 * What every suppression comment holds: a `#` and one of the three markers. Global, and only ever
 * used through `matchAll` and `search`, which leave its `lastIndex` alone: no state between callers.
 */
const suppressionMarkers = /#\s*(psg-ignore|nosec|noqa)\b/gi;

/** Whether `text` holds a suppression marker anywhere. */
export function hasSuppressionMarker(text: string): boolean {
  return text.search(suppressionMarkers) >= 0;
}

/** Offsets of every suppression marker in `text`. */
export function suppressionMarkerOffsets(text: string): number[] {
  return [...text.matchAll(suppressionMarkers)].map((match) => match.index);
}

/** Parses a comment; undefined when it suppresses nothing. The first marker of the comment counts. */
export function parseSuppression(comment: string): Suppression | undefined {
  return parseSuppressions(comment)[0];
}

/** Every suppression a comment holds: `# noqa: S608  # nosec B608` is one of each. */
export function parseSuppressions(comment: string): Suppression[] {
  const markers = [...comment.matchAll(suppressionMarkers)];
  return markers.map((marker, i) => {
    let rest = comment.slice(marker.index + marker[0].length, markers[i + 1]?.index ?? comment.length);
    const reason = rest.indexOf('--');
    if (reason >= 0) rest = rest.slice(0, reason);
    const kind = marker[1].toLowerCase() as SuppressionKind;
    // Ruff's `# noqa` takes codes only after a colon; anything else is a bare, blanket noqa.
    if (kind === 'noqa' && !/^\s*:/.test(rest)) rest = '';
    const ids = new Set((rest.match(idList) ?? []).map((id) => id.toUpperCase()));
    return { kind, all: ids.size === 0, ids };
  });
}

/**
 * Whether the comment silences a finding of the rule. `checks` are the Bandit checks the finding
 * corresponds to (see `banditChecksOf`); a Bandit id names those, its Ruff twin (`S608`) too.
 */
export function suppresses(suppression: Suppression, meta: RuleMeta, checks: readonly string[] = meta.bandit): boolean {
  if (suppression.all) return true;
  if (suppression.ids.has(meta.id.toUpperCase())) return true;
  return checks.some((id) => suppression.ids.has(id.toUpperCase()) || suppression.ids.has(ruffCodeOf(id)));
}

/** Ruff's flake8-bandit codes are Bandit's with `S` for `B`: B608 is S608. */
function ruffCodeOf(banditId: string): string {
  return banditId.toUpperCase().replace(/^B/, 'S');
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

const statementTypes = /(_statement|_definition|^decorated_definition)$/;

/** The statement a node belongs to, and the last line of its header (a compound statement's body is not part of it). */
function statementOf(node: Node): { statement: Node; lastRow: number } | undefined {
  for (let current: Node | null = node; current; current = current.parent) {
    if (!statementTypes.test(current.type)) continue;
    const body = current.childForFieldName('body') ?? current.childForFieldName('consequence');
    const lastRow = body
      ? body.startPosition.row - (body.startPosition.row > current.startPosition.row ? 1 : 0)
      : current.endPosition.row;
    return { statement: current, lastRow };
  }
  return undefined;
}

/** What Ruff's `# noqa` placement needs of a statement: its strings that span lines, and the lines ending in `\\`. */
interface NoqaLayout {
  /** The outermost strings spanning lines (nested ones end inside them), in document order. */
  strings: { start: number; end: number; startRow: number; endRow: number }[];
  continued: Set<number>;
}

function noqaLayout(statement: Node): NoqaLayout {
  const layout: NoqaLayout = { strings: [], continued: new Set() };
  const cursor = statement.walk();
  try {
    // Iterative, so a statement nested thousands of brackets deep cannot exhaust the stack.
    for (;;) {
      const current = cursor.currentNode;
      const multiLineString = current.type === 'string' && current.endPosition.row > current.startPosition.row;
      if (current.type === 'line_continuation') layout.continued.add(current.startPosition.row);
      if (multiLineString)
        layout.strings.push({
          start: current.startIndex,
          end: current.endIndex,
          startRow: current.startPosition.row,
          endRow: current.endPosition.row,
        });
      if (!multiLineString && cursor.gotoFirstChild()) continue;
      let moved = false;
      do {
        if (cursor.currentNode.id === statement.id) break;
        moved = cursor.gotoNextSibling();
      } while (!moved && cursor.gotoParent());
      if (!moved) break;
    }
  } finally {
    cursor.delete();
  }
  return layout;
}

/**
 * The line Ruff reads a `# noqa` on for a finding starting at `node`: the last line of a string
 * that spans lines and holds the finding's start or starts on its line, then the last line of a
 * run of lines joined by `\\` continuations; else the finding's own line.
 */
function ruffNoqaRow(node: Node, layout: NoqaLayout): number {
  const row = node.startPosition.row;
  let noqaRow = row;
  for (const string of layout.strings)
    if (string.startRow === row || (string.start <= node.startIndex && node.startIndex < string.end))
      noqaRow = Math.max(noqaRow, string.endRow);
  while (layout.continued.has(noqaRow)) noqaRow++;
  return noqaRow;
}

/** Suppression comments by line, from the comment nodes of the tree that hold a marker. */
function suppressionsByLine(root: Node, text: string): Map<number, Suppression[]> {
  const byLine = new Map<number, Suppression[]>();
  let lastComment = -1;
  for (const offset of suppressionMarkerOffsets(text)) {
    const node = root.descendantForIndex(offset, offset + 1);
    if (node?.type !== 'comment' || node.startIndex === lastComment) continue;
    lastComment = node.startIndex;
    const suppressions = parseSuppressions(node.text);
    if (suppressions.length) byLine.set(node.startPosition.row, suppressions);
  }
  return byLine;
}

const confidenceRank: Record<Confidence, number> = { low: 0, medium: 1, high: 2 };
const quieter: Record<Severity, Severity> = {
  error: 'warning',
  warning: 'information',
  information: 'hint',
  hint: 'hint',
};

/** How a finding's Bandit checks are told apart: the qualified name of a call's callee, when the file shows it. */
export type CalleeName = (call: Node) => string | undefined;

/**
 * Decides, for each finding a rule reports, whether it is dropped: below the minimum confidence,
 * a Bandit/Ruff check or rule that the settings skip or leave out, or silenced by a comment.
 *
 * Where a comment counts: `# psg-ignore` on the finding's line or the first or last line of its
 * statement; `# nosec` on any line of the statement (Bandit reads it on every line of the flagged
 * node, and since 1.7.5 of the statement); `# noqa` on the finding's line, the statement's first
 * or last line, or where Ruff reads it: the last line of a string spanning lines, or of a run of
 * `\` continuations. A compound statement's body is never part of its header's statement.
 */
export class FindingFilter {
  private readonly minimumConfidence: number;
  private readonly checks: CheckSelection | undefined;
  private readonly lowConfidence: AnalysisSettings['lowConfidence'];
  private comments: { byLine: Map<number, Suppression[]>; lines: number[] } | undefined;

  constructor(
    private readonly root: Node,
    private readonly text: string,
    settings: AnalysisSettings,
  ) {
    this.lowConfidence = settings.lowConfidence;
    this.minimumConfidence = confidenceRank[settings.confidence ?? 'low'];
    this.checks = settings.checks;
  }

  /**
   * The suppression comments by line, read from the whole file when a finding first asks (an editor analysis that
   * reports nothing, as most keystrokes', does not read them).
   */
  private get byLine(): Map<number, Suppression[]> {
    return this.suppressionComments().byLine;
  }

  /** The lines that hold a suppression comment, ascending. */
  private get commentLines(): number[] {
    return this.suppressionComments().lines;
  }

  private suppressionComments(): { byLine: Map<number, Suppression[]>; lines: number[] } {
    if (!this.comments) {
      const byLine = suppressionsByLine(this.root, this.text);
      this.comments = { byLine, lines: [...byLine.keys()].sort((a, b) => a - b) };
    }
    return this.comments;
  }

  drops(node: Node, meta: RuleMeta, confidence: Confidence, calleeName: CalleeName): boolean {
    if (confidenceRank[confidence] < this.minimumConfidence) return true;
    if (!this.checks && this.byLine.size === 0) return false;
    const checks = banditChecksOf(meta, node, calleeName);
    if (!keptByChecks(meta, checks, this.checks)) return true;
    return this.byLine.size > 0 && this.suppressed(node, meta, checks);
  }

  /** The severity a finding is shown with: one step lower for a low-confidence one when the settings ask for it. */
  severityOf(severity: Severity, confidence: Confidence): Severity {
    if (confidence !== 'low' || this.lowConfidence !== 'quieter') return severity;
    return quieter[severity];
  }

  private suppressed(node: Node, meta: RuleMeta, checks: readonly string[]): boolean {
    const row = node.startPosition.row;
    const found = statementOf(node);
    const first = found?.statement.startPosition.row ?? row;
    const last = found?.lastRow ?? row;
    const counts = (line: number, kind?: SuppressionKind) =>
      (this.byLine.get(line) ?? []).some(
        (suppression) => (!kind || suppression.kind === kind) && suppresses(suppression, meta, checks),
      );
    if (counts(row) || counts(first) || counts(last)) return true;
    const inStatement = this.linesBetween(first, found?.statement.endPosition.row ?? row);
    if (inStatement.some((line) => line <= last && counts(line, 'nosec'))) return true;
    if (found && inStatement.some((line) => this.byLine.get(line)!.some((s) => s.kind === 'noqa')))
      return counts(ruffNoqaRow(node, this.layoutOf(found.statement)), 'noqa');
    return false;
  }

  /** Each statement's layout is read once, however many findings it holds. */
  private readonly layouts = new Map<number, NoqaLayout>();

  private layoutOf(statement: Node): NoqaLayout {
    let layout = this.layouts.get(statement.id);
    if (!layout) this.layouts.set(statement.id, (layout = noqaLayout(statement)));
    return layout;
  }

  /** The lines from `from` to `to` that hold a suppression comment. */
  private linesBetween(from: number, to: number): number[] {
    const lines = this.commentLines;
    const found: number[] = [];
    for (let i = partitionPoint(lines, (line) => line < from); i < lines.length && lines[i] <= to; i++)
      found.push(lines[i]);
    return found;
  }
}

/**
 * The same decision for a finding of a file rule (requirements, pyproject.toml, .env, templates):
 * `comment` is the `#` comment on its line, which counts whatever its kind.
 */
export function dropsFileFinding(
  meta: RuleMeta,
  confidence: Confidence,
  comment: string | undefined,
  settings: AnalysisSettings,
): boolean {
  if (confidenceRank[confidence] < confidenceRank[settings.confidence ?? 'low']) return true;
  if (!keptByChecks(meta, meta.bandit, settings.checks)) return true;
  return !!comment && parseSuppressions(comment).some((suppression) => suppresses(suppression, meta));
}

/** Whether `--skip`/`--tests` (and `[tool.bandit]`'s `skips`/`tests`) keep a finding of these checks. */
function keptByChecks(meta: RuleMeta, checks: readonly string[], selection: CheckSelection | undefined): boolean {
  if (!selection) return true;
  const id = meta.id.toUpperCase();
  if (selection.keep?.includes(id)) return true;
  if (selection.skip.includes(id)) return false;
  if (checks.length > 0 && checks.every((check) => selection.skip.includes(check))) return false;
  if (!selection.only) return true;
  if (selection.only.includes(id) || checks.some((check) => selection.only!.includes(check))) return true;
  return !!selection.onlyKeepsUnmapped && meta.bandit.length === 0;
}

/** The nearest call around `node` (or `node` itself), stopping at the statement. */
function enclosingCall(node: Node): Node | undefined {
  for (let current: Node | null = node; current; current = current.parent) {
    if (current.type === 'call') return current;
    if (statementTypes.test(current.type)) return undefined;
  }
  return undefined;
}

function hasAncestor(node: Node, types: readonly string[], stopAt: readonly string[] = ['call']): boolean {
  for (let current: Node | null = node; current; current = current.parent) {
    if (types.includes(current.type)) return true;
    if (stopAt.includes(current.type) || statementTypes.test(current.type)) return false;
  }
  return false;
}

/** The callee of the call around `node`: its qualified name when the file shows it, else as written. */
function calleeOf(node: Node, calleeName: CalleeName): string {
  const call = enclosingCall(node);
  if (!call) return '';
  return calleeName(call) ?? call.childForFieldName('function')?.text ?? '';
}

/** The module an import statement around `node` imports (the first one), or undefined. */
function importedModule(node: Node): string | undefined {
  for (let current: Node | null = node; current; current = current.parent) {
    if (current.type === 'import_statement') return current.namedChildren[0]?.text.split(/\s/)[0];
    if (current.type === 'import_from_statement') return current.childForFieldName('module_name')?.text;
    if (statementTypes.test(current.type)) return undefined;
  }
  return undefined;
}

const startsWithModule = (name: string, module: string) => name === module || name.startsWith(`${module}.`);

/**
 * For rules that cover several Bandit checks, which of them one finding corresponds to, told
 * from the code it was reported on (the callee's qualified name, an import, where a literal
 * sits). Undefined when the code does not say: the finding then counts for all of them.
 */
const splitters: Readonly<Record<string, (node: Node, calleeName: CalleeName) => string[] | undefined>> = {
  // sql-built-from-strings: B610 is QuerySet.extra(), B611 RawSQL(), B608 every other query.
  PSG101: (node, calleeName) => {
    const callee = calleeOf(node, calleeName);
    if (/(^|\.)extra$/.test(callee)) return ['B610'];
    if (/(^|\.)RawSQL$/.test(callee)) return ['B611'];
    return ['B608'];
  },
  // code-injection: B102 exec, B307 eval.
  PSG103: (node, calleeName) => {
    const callee = calleeOf(node, calleeName);
    if (callee === 'builtins.exec') return ['B102'];
    if (callee === 'builtins.eval') return ['B307'];
    return undefined;
  },
  // hard-coded secret: B106 a keyword argument, B107 a parameter default, B105 a string assigned or compared.
  PSG202: (node) => {
    if (hasAncestor(node, ['keyword_argument'])) return ['B106'];
    if (hasAncestor(node, ['default_parameter', 'typed_default_parameter'], [])) return ['B107'];
    return ['B105'];
  },
  // unsafe deserialization: B403 importing pickle, B302 marshal, B301 pickle and its kin.
  PSG701: (node, calleeName) => {
    if (importedModule(node) !== undefined) return ['B403'];
    const callee = calleeOf(node, calleeName);
    if (startsWithModule(callee, 'marshal')) return ['B302'];
    return callee ? ['B301'] : undefined;
  },
  // cleartext protocols: imports of telnetlib (B401), ftplib (B402), pyghmi (B415); calls into telnetlib (B312), ftplib (B321).
  PSG523: (node, calleeName) => {
    const module = importedModule(node);
    if (module !== undefined) {
      if (startsWithModule(module, 'telnetlib')) return ['B401'];
      if (startsWithModule(module, 'ftplib')) return ['B402'];
      if (startsWithModule(module, 'pyghmi')) return ['B415'];
      return undefined;
    }
    const callee = calleeOf(node, calleeName);
    if (startsWithModule(callee, 'telnetlib')) return ['B312'];
    if (startsWithModule(callee, 'ftplib')) return ['B321'];
    return undefined;
  },
  // weak hash: B324 hashlib, B303 the other libraries (PyCrypto/PyCryptodome, cryptography).
  PSG310: (node, calleeName) => {
    const callee = calleeOf(node, calleeName);
    if (startsWithModule(callee, 'hashlib')) return ['B324'];
    if (/^(Crypto|Cryptodome|cryptography)\./.test(callee)) return ['B303'];
    return undefined;
  },
  // TLS verification: B323 ssl._create_unverified_context, B501 verify=False on an HTTP client.
  PSG501: (node, calleeName) => {
    const callee = calleeOf(node, calleeName);
    if (callee === 'ssl._create_unverified_context') return ['B323'];
    if (hasAncestor(node, ['keyword_argument'])) return ['B501'];
    return undefined;
  },
  // old TLS protocol: B503 a bad version as a parameter default, B502 elsewhere.
  PSG502: (node) => (hasAncestor(node, ['default_parameter', 'typed_default_parameter'], []) ? ['B503'] : ['B502']),
  // insecure SNMP: B508 CommunityData (v1/v2c), B509 UsmUserData without strong crypto.
  PSG526: (node, calleeName) => {
    const callee = calleeOf(node, calleeName);
    if (/(^|\.)CommunityData$/.test(callee)) return ['B508'];
    if (/(^|\.)UsmUserData$/.test(callee)) return ['B509'];
    return undefined;
  },
  // weak cipher: B305 ECB mode, B304 a broken cipher.
  PSG311: (node, calleeName) =>
    /(^|\.)MODE_ECB$/.test(node.text) || /(^|\.)ECB$/.test(calleeOf(node, calleeName)) ? ['B305'] : ['B304'],
  // XML parsers: the call (B313-B320) and the import Bandit also reports for its module (B405-B411).
  PSG720: (node, calleeName) => {
    const callee = calleeOf(node, calleeName);
    const modules: [string, string[]][] = [
      ['xml.etree.cElementTree', ['B313', 'B405']],
      ['xml.etree.ElementTree', ['B314', 'B405']],
      ['xml.sax.expatreader', ['B315', 'B406']],
      ['xml.dom.expatbuilder', ['B316', 'B407']],
      ['xml.sax', ['B317', 'B406']],
      ['xml.dom.minidom', ['B318', 'B408']],
      ['xml.dom.pulldom', ['B319', 'B409']],
      ['lxml', ['B320', 'B410']],
      ['xmlrpc', ['B411']],
      ['xmlrpclib', ['B411']],
      ['SimpleXMLRPCServer', ['B411']],
    ];
    return modules.find(([module]) => startsWithModule(callee, module))?.[1];
  },
  // swallowed security check: B112 an `except` clause that only `continue`s, B110 one that only `pass`es.
  PSG148: (node) => {
    if (node.type !== 'except_clause') return undefined;
    const body = node.namedChildren.find((child) => child?.type === 'block');
    const only = body?.namedChildren.filter((child) => !!child && child.type !== 'comment');
    return only?.length === 1 && only[0]?.type === 'continue_statement' ? ['B112'] : ['B110'];
  },
  // unsafe markup: mark_safe is both B308 and B703 (Bandit reports it twice); Markup is B704.
  PSG606: (node, calleeName) => {
    const callee = calleeOf(node, calleeName);
    if (/(^|\.)mark_safe$/.test(callee)) return ['B308', 'B703'];
    if (/(^|\.)Markup$/.test(callee)) return ['B704'];
    return undefined;
  },
  // shell command: B601 paramiko exec_command, B605 os.system and kin, B602 subprocess with a shell; B609 is a
  // wildcard in a constant command, which a finding on a name, list or plain string may be.
  PSG102: (node, calleeName) => {
    const callee = calleeOf(node, calleeName);
    let check: string | undefined;
    if (/(^|\.)exec_command$/.test(callee)) check = 'B601';
    else if (/^os\.(system|popen|popen[234]|spawn\w*|exec\w*)$/.test(callee) || startsWithModule(callee, 'commands'))
      check = 'B605';
    else if (startsWithModule(callee, 'subprocess')) check = 'B602';
    if (!check) return undefined;
    const maybeConstant =
      ['identifier', 'list', 'tuple', 'attribute'].includes(node.type) ||
      (node.type === 'string' && !node.children.some((child) => child?.type === 'interpolation'));
    return maybeConstant ? [check, 'B609'] : [check];
  },
};

/** The Bandit checks a finding corresponds to: the one the code shows when the rule covers several, else all of the rule's. */
export function banditChecksOf(meta: RuleMeta, node: Node, calleeName: CalleeName): readonly string[] {
  if (meta.bandit.length <= 1) return meta.bandit;
  return splitters[meta.id]?.(node, calleeName) ?? meta.bandit;
}

/** Rules that cover several Bandit checks whose findings are told apart (for the documentation and tests). */
export const splitRules: readonly string[] = Object.keys(splitters);
