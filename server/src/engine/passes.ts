// What a pass of the rules records about itself, and the small helpers the whole-file and the
// incremental analyses share (kept apart from engine.ts so that the two import it, not each other).
import { intersects } from '../parser/parser';
import type { Node, Span } from '../parser/parser';
import type { Finding, Rule } from '../ruleApi/types';
import { isAsciiWordCharacter } from '../core/text';
import type { Dirty } from './triggers';

/** A finding with the node whose visit produced it (what it depends on starts there). */
export interface OriginFinding {
  finding: Finding;
  origin: Span;
}

/** Text a visit read beyond its own node, by range. */
export interface TextRead {
  origin: Span;
  start: number;
  end: number;
}

/** The names outside every function body a visit looked up (directly or through the values it asked about). */
export interface NameUse {
  origin: Span;
  names: ReadonlySet<string>;
}

/**
 * One set for each content among the uses visits record: visits that read the same names share a set, so what an edit
 * does to them is worked out once per set (see `dependentVisits` in incremental.ts). The engine keeps one pool for
 * every document; past `MAX_POOLED` sets it starts again (sets already handed out stay shared).
 */
export class UsesPool {
  private readonly sets = new Map<string, ReadonlySet<string>>();

  intern(names: ReadonlySet<string>): ReadonlySet<string> {
    const key = [...names].sort().join('\u0000');
    const known = this.sets.get(key);
    if (known) return known;
    if (this.sets.size >= MAX_POOLED) this.sets.clear();
    this.sets.set(key, names);
    return names;
  }
}

const MAX_POOLED = 50_000;

/** A whole-file pattern test and its answer. */
export interface TextTest {
  pattern: RegExp;
  value: boolean;
}

/** False for a rule that needs an import the file does not have (see `requiresImport`). */
export function ruleApplies(rule: Rule, importedModules: ReadonlySet<string>): boolean {
  if (!rule.requiresImport) return true;
  for (const module of importedModules) {
    if (rule.requiresImport.some((prefix) => module === prefix || module.startsWith(`${prefix}.`))) return true;
  }
  return false;
}

/** Whether `pattern` matches anywhere in `text` (from the start, whatever its flags). */
export function testWhole(pattern: RegExp, text: string): boolean {
  pattern.lastIndex = 0;
  const value = pattern.test(text);
  pattern.lastIndex = 0;
  return value;
}

/**
 * What `testWhole(pattern, text)` gives after an edit, knowing what it gave before it (`value`, on `oldText`). A pattern
 * that is one whole word (`\bname\b`, no flags) matches the same outside the changed text and the word's length
 * around it, which are equal in both texts: when neither text has the word near the change, the answer stands without
 * a search of the whole text.
 */
export function testWholeAfterEdit(
  pattern: RegExp,
  value: boolean,
  oldText: string,
  text: string,
  change: Dirty,
): boolean {
  const word = pattern.flags ? undefined : WHOLE_WORD.exec(pattern.source)?.[1];
  if (
    word &&
    !hasWordNear(oldText, word, change.start, change.oldEnd) &&
    !hasWordNear(text, word, change.start, change.newEnd)
  )
    return value;
  return testWhole(pattern, text);
}

/** `\bname\b`: the name. */
const WHOLE_WORD = /^\\b([A-Za-z_][A-Za-z0-9_]*)\\b$/;

/** Whether `word`, a whole word, overlaps text[start - its length, end + its length). */
function hasWordNear(text: string, word: string, start: number, end: number): boolean {
  const from = Math.max(0, start - word.length);
  const window = text.slice(from, Math.min(text.length, end + word.length));
  for (let at = window.indexOf(word); at >= 0; at = window.indexOf(word, at + 1)) {
    const before = from + at - 1;
    const after = from + at + word.length;
    if (
      (before < 0 || !isAsciiWordCharacter(text.charCodeAt(before))) &&
      (after >= text.length || !isAsciiWordCharacter(text.charCodeAt(after)))
    )
      return true;
  }
  return false;
}

/** Nodes grouped by type, each list in document order (outer before inner at the same start). */
export function groupByType(nodes: readonly Node[]): Map<string, Node[]> {
  const byType = new Map<string, Node[]>();
  for (const node of nodes) {
    const list = byType.get(node.type);
    if (list) list.push(node);
    else byType.set(node.type, [node]);
  }
  return byType;
}

/**
 * The visits an incremental pass makes: those of every node that meets one of `ranges` (the changed text, the nodes
 * that hold it and those inside it, the function bodies read again), and those of the nodes that span exactly one of
 * `origins` (earlier visits elsewhere that read what the edit changed: made again alone, not the visits of the nodes
 * inside theirs, which read what they read). A visit of an empty span is selected as a range is.
 */
export class VisitSelection {
  readonly ranges: readonly Span[];
  readonly origins: readonly Span[];
  /** The ends of the origins, by start. */
  private readonly exact = new Map<number, number[]>();
  /** No selected visit ends before this offset. */
  readonly firstStart: number;

  constructor(ranges: readonly Span[], origins: readonly Span[] = []) {
    this.ranges = [...ranges, ...origins.filter((origin) => origin.end <= origin.start)];
    this.origins = origins.filter((origin) => origin.end > origin.start);
    let first = Infinity;
    for (const span of this.ranges) first = Math.min(first, span.start);
    for (const { start, end } of this.origins) {
      first = Math.min(first, start);
      const ends = this.exact.get(start);
      if (ends) ends.push(end);
      else this.exact.set(start, [end]);
    }
    this.firstStart = first;
  }

  /** Whether the visit of a node spanning `span` is made. */
  selects(span: Span): boolean {
    if (this.exact.get(span.start)?.includes(span.end)) return true;
    for (const range of this.ranges) if (intersects(span, range)) return true;
    return false;
  }
}
