/**
 * Incremental analysis for the editor.
 *
 * A keystroke almost always lands inside one function body. The file is seen as *holes* (bodies
 * of functions that are inside no other function) and the *gaps* between them (imports, module
 * code, class bodies, decorators, signatures). While an edit stays inside one hole F, every gap
 * is unchanged apart from its position, so:
 *
 * - the semantic model starts from the bindings, scopes and imports carried over from the
 *   previous version (by position, shifted) and records the nodes of a hole only when something
 *   asks about it;
 * - the rules visit again only the nodes that intersect a *dirty* range, and every other finding
 *   is carried over, shifted. Dirty are: F; every hole and gap that names F, or names something a
 *   dirty gap binds or a dirty hole defines (a call of F takes its summary; `x = F()` passes it on),
 *   repeated until nothing is added; and every visit that read F's text through `textOf`. A node
 *   that contains a dirty range (the `def` of F, its class, the module) intersects it and is
 *   visited again too.
 *
 * The whole file is analysed instead when that is not shown safe: the edit is not inside one
 * function body or changes its extent, the settings or the active rules changed, an import inside
 * F changed, a pattern a rule tested on the whole file now answers differently, a rule that reads
 * the whole file (`wholeFile`) is active, a rule failed, or a carried position does not match
 * the new tree. The tests compare every incremental result with a whole-file analysis of the same tree.
 */
import type { AnalysisSettings } from '../config/settings';
import type { Finding, Rule, Severity } from '../rules/types';
import { CarriedModel, HoleRecord, NodeRef, SemanticModel, modulesImportedBy } from '../semantic/model';
import { testWhole } from './engine';
import type { OriginFinding, TextRead, TextTest } from './engine';
import { capturesIn } from './parser';
import type { Node, Query, Tree } from './parser';
import { Dirty, TriggerIndex } from './triggers';

export type { Dirty } from './triggers';

export interface Span {
  start: number;
  end: number;
}

/** True when the two ranges share a character (an empty range inside the other counts). */
export function intersects(a: Span, b: Span): boolean {
  if (a.start === a.end) return a.start > b.start && a.start < b.end;
  if (b.start === b.end) return b.start > a.start && b.start < a.end;
  return a.start < b.end && a.end > b.start;
}

/** What a hole defines for the rest of the file, and what it imports. */
interface HoleInfo {
  name: string;
  nameAt: number;
  classNames: string[];
  imports: string[];
}

/** Everything an editor analysis carries to the next version of the document. */
export interface CarriedState {
  text: string;
  settingsKey: string;
  triggers: TriggerIndex;
  ruleIds: string;
  carried: CarriedModel;
  holes: HoleInfo[];
  /** Findings with their fixes not yet checked, by the node whose visit made them. */
  findings: OriginFinding[];
  textReads: TextRead[];
  textTests: TextTest[];
  hadRuleErrors: boolean;
}

type ActiveRule = { rule: Rule; severity: Severity };

/** Settings as a comparable key (sets as sorted lists). */
function settingsKey(settings: AnalysisSettings): string {
  return JSON.stringify(settings, (_key, value: unknown) => (value instanceof Set ? [...value].sort() : value));
}

function ruleIdsOf(active: readonly ActiveRule[]): string {
  return active.map(({ rule }) => rule.meta.id).join(',');
}

/** The state a whole-file analysis leaves for the next version. */
export function carryOver(input: {
  text: string;
  settings: AnalysisSettings;
  triggers: TriggerIndex;
  active: readonly ActiveRule[];
  model: SemanticModel;
  byType: Map<string, Node[]>;
  pass: { findings: OriginFinding[]; ruleErrors: unknown[]; textReads: TextRead[]; textTests: TextTest[] };
}): CarriedState {
  const carried = input.model.carryOver();
  const functions = new Map<number, { name: string; nameAt: number }>();
  const classes: { start: number; end: number; name: string }[] = [];
  for (const records of carried.outerBindings.values()) {
    for (const record of records) {
      if (record.kind === 'function') functions.set(record.node.start, { name: record.name, nameAt: record.nameAt ?? -1 });
      else if (record.kind === 'class') classes.push({ start: record.node.start, end: record.node.end, name: record.name });
    }
  }
  const imports = [...(input.byType.get('import_statement') ?? []), ...(input.byType.get('import_from_statement') ?? [])];
  const holes = carried.holes.map((hole): HoleInfo => {
    const defined = functions.get(hole.definition.start);
    return {
      name: defined?.name ?? '',
      nameAt: defined?.nameAt ?? -1,
      classNames: classes.filter((c) => c.start <= hole.definition.start && hole.definition.end <= c.end).map((c) => c.name),
      imports: importsInside(imports, hole),
    };
  });
  return {
    text: input.text,
    settingsKey: settingsKey(input.settings),
    triggers: input.triggers,
    ruleIds: ruleIdsOf(input.active),
    carried,
    holes,
    findings: input.pass.findings,
    textReads: input.pass.textReads,
    textTests: input.pass.textTests,
    hadRuleErrors: input.pass.ruleErrors.length > 0,
  };
}

function importsInside(imports: readonly Node[], hole: HoleRecord): string[] {
  const modules = new Set<string>();
  for (const node of imports) {
    if (node.startIndex >= hole.bodyStart && node.endIndex <= hole.bodyEnd) for (const module of modulesImportedBy(node)) modules.add(module);
  }
  return [...modules].sort();
}

export interface IncrementalPlan {
  carried: CarriedModel;
  loadedHoles: ReadonlySet<number>;
  loadHole: (hole: HoleRecord) => Map<string, Node[]>;
  /** The nodes to visit again: every captured node that intersects a dirty range. */
  byType: Map<string, Node[]>;
  dirtyRanges: Span[];
  keptFindings: OriginFinding[];
  keptTextReads: TextRead[];
  keptTextTests: TextTest[];
  nextState(pass: { findings: OriginFinding[]; textReads: TextRead[]; textTests: TextTest[] }): CarriedState;
}

const wordCharacter = (code: number) => (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code > 127;

/** Where `name` occurs as a whole word in `text`. */
function wordOccurrences(text: string, name: string): number[] {
  const found: number[] = [];
  if (!name) return found;
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + name.length)) {
    if (at > 0 && wordCharacter(text.charCodeAt(at - 1))) continue;
    if (at + name.length < text.length && wordCharacter(text.charCodeAt(at + name.length))) continue;
    found.push(at);
  }
  return found;
}

/** The node of this type with exactly this range, if the tree has one. */
function nodeAt(root: Node, ref: NodeRef): Node | undefined {
  for (let node: Node | null = root.descendantForIndex(ref.start, ref.end); node; node = node.parent) {
    if (node.startIndex === ref.start && node.endIndex === ref.end && node.type === ref.type) return node;
    if (node.startIndex < ref.start || node.endIndex > ref.end) break;
  }
  return undefined;
}

/** Share of the file past which visiting the dirty parts again costs about as much as the whole file. */
const MAX_DIRTY_SHARE = 0.5;

/**
 * Works out what an edit inside one function body makes dirty and what the previous analysis
 * still answers; returns why not when the whole file must be analysed instead.
 */
export function planIncrementalAnalysis(input: {
  tree: Tree;
  text: string;
  settings: AnalysisSettings;
  previous: CarriedState;
  dirty: Dirty;
  active: readonly ActiveRule[];
  triggers: TriggerIndex;
  query: Query;
  modelQuery: Query;
}): IncrementalPlan | string {
  const { tree, text, previous, dirty, active } = input;
  const root = tree.rootNode;
  if (previous.hadRuleErrors) return 'a rule failed on the previous version';
  if (settingsKey(input.settings) !== previous.settingsKey) return 'the settings changed';
  if (ruleIdsOf(active) !== previous.ruleIds) return 'the rules that apply changed';
  const imported = previous.carried.importedModules;
  const wholeFile = active.find(({ rule }) => rule.wholeFile && (!rule.wholeFile.whenImporting || imported.some((module) => rule.wholeFile!.whenImporting!.some((prefix) => module === prefix || module.startsWith(`${prefix}.`)))));
  if (wholeFile) return `${wholeFile.rule.meta.id} reads the whole file`;

  // Fixes take the file's line break from its first line: an edit there changes every fix.
  const firstBreak = previous.text.search(/[\r\n]/);
  if (firstBreak < 0 || dirty.start <= firstBreak + 1) return 'the edit is on the first line';

  // The hole the edit is in (old positions).
  const oldHoles = previous.carried.holes;
  let f = -1;
  for (let low = 0, high = oldHoles.length - 1; low <= high; ) {
    const middle = (low + high) >> 1;
    if (oldHoles[middle].bodyStart <= dirty.start) {
      f = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  if (f < 0 || dirty.oldEnd > oldHoles[f].bodyEnd) return 'the edit is not inside one function body';
  const changed = oldHoles[f];
  const delta = dirty.newEnd - dirty.oldEnd;
  const shift = (offset: number) => (offset >= dirty.oldEnd ? offset + delta : offset);

  const carried = shiftCarried(previous.carried, shift, f);
  const hole = carried.holes[f];
  const body = nodeAt(root, { type: 'block', start: hole.bodyStart, end: hole.bodyEnd });
  if (!body || body.parent?.type !== 'function_definition' || body.parent.startIndex !== hole.definition.start || body.parent.endIndex !== hole.definition.end) {
    return "the edit changed the function's extent";
  }
  for (const test of previous.textTests) {
    if (testWhole(test.pattern, text) !== test.value) return 'a pattern a rule tests on the whole file changed';
  }
  const holes = previous.holes.map((info) => ({ ...info, nameAt: shift(info.nameAt) }));

  // Dirty units: F, then whatever names what a dirty unit defines, until nothing is added.
  const holeCount = carried.holes.length;
  const gapRange = (g: number): Span => ({ start: g === 0 ? 0 : carried.holes[g - 1].bodyEnd, end: g === holeCount ? text.length : carried.holes[g].bodyStart });
  const unitAt = (offset: number): { hole: number } | { gap: number } => {
    let h = -1;
    for (let low = 0, high = holeCount - 1; low <= high; ) {
      const middle = (low + high) >> 1;
      if (carried.holes[middle].bodyStart <= offset) {
        h = middle;
        low = middle + 1;
      } else high = middle - 1;
    }
    return h >= 0 && offset < carried.holes[h].bodyEnd ? { hole: h } : { gap: h + 1 };
  };
  // Where `def`/`class` write a name (not a use of it), and the names each gap binds.
  const bindingSites = new Set<number>();
  const gapNames = new Map<number, string[]>();
  for (const records of carried.outerBindings.values()) {
    for (const record of records) {
      if (record.nameAt !== undefined) bindingSites.add(record.nameAt);
      const unit = unitAt(record.node.start);
      if ('gap' in unit) {
        const list = gapNames.get(unit.gap);
        if (list) list.push(record.name);
        else gapNames.set(unit.gap, [record.name]);
      }
    }
  }
  const namesBoundInGap = (g: number): string[] => gapNames.get(g) ?? [];
  const dirtyHoles = new Set<number>([f]);
  const dirtyGaps = new Set<number>();
  const queue = [holes[f].name, ...holes[f].classNames];
  const seen = new Set<string>();
  while (queue.length) {
    const name = queue.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    for (const at of wordOccurrences(text, name)) {
      if (bindingSites.has(at)) continue;
      const unit = unitAt(at);
      if ('hole' in unit) {
        if (dirtyHoles.has(unit.hole)) continue;
        dirtyHoles.add(unit.hole);
        queue.push(holes[unit.hole].name, ...holes[unit.hole].classNames);
      } else if (!dirtyGaps.has(unit.gap)) {
        dirtyGaps.add(unit.gap);
        queue.push(...namesBoundInGap(unit.gap));
      }
    }
  }

  const dirtyRanges: Span[] = [];
  for (const h of dirtyHoles) dirtyRanges.push({ start: carried.holes[h].bodyStart, end: carried.holes[h].bodyEnd });
  for (const g of dirtyGaps) {
    const range = gapRange(g);
    if (range.end > range.start) dirtyRanges.push(range);
  }
  // Visits that read the edited function's text are visited again.
  const oldBody: Span = { start: changed.bodyStart, end: changed.bodyEnd };
  for (const read of previous.textReads) {
    if (intersects(read, oldBody)) dirtyRanges.push({ start: shift(read.origin.start), end: shift(read.origin.end) });
  }
  let dirtyLength = 0;
  for (const range of dirtyRanges) dirtyLength += range.end - range.start;
  if (dirtyLength > text.length * MAX_DIRTY_SHARE) return 'the edit reaches most of the file';

  const isDirty = (span: Span) => dirtyRanges.some((range) => intersects(span, range));

  // Findings of clean visits are kept, shifted; none may point into the edited function.
  const keptFindings: OriginFinding[] = [];
  for (const entry of previous.findings) {
    const origin = { start: shift(entry.origin.start), end: shift(entry.origin.end) };
    if (isDirty(origin)) continue;
    const finding = shiftFinding(entry.finding, shift, changed);
    if (!finding) return 'a finding outside the edited function points into it';
    keptFindings.push({ origin, finding });
  }
  const keptTextReads: TextRead[] = [];
  for (const read of previous.textReads) {
    const origin = { start: shift(read.origin.start), end: shift(read.origin.end) };
    if (!isDirty(origin)) keptTextReads.push({ origin, start: shift(read.start), end: shift(read.end) });
  }

  // The nodes to visit again.
  const seenNodes = new Set<number>();
  const nodes: Node[] = [];
  for (const range of dirtyRanges) {
    for (const node of capturesIn(input.query, root, range.start, range.end)) {
      if (seenNodes.has(node.id)) continue;
      seenNodes.add(node.id);
      nodes.push(node);
    }
  }
  nodes.sort((a, b) => a.startIndex - b.startIndex || b.endIndex - a.endIndex);
  const byType = new Map<string, Node[]>();
  for (const node of nodes) {
    const list = byType.get(node.type);
    if (list) list.push(node);
    else byType.set(node.type, [node]);
  }

  // An import inside F may change what the whole file imports: then everything is analysed.
  const importNodes = [...(byType.get('import_statement') ?? []), ...(byType.get('import_from_statement') ?? [])];
  if (importsInside(importNodes, hole).join('\n') !== holes[f].imports.join('\n')) return 'an import inside the edited function changed';

  const loadHole = (record: HoleRecord): Map<string, Node[]> => {
    const loaded = new Map<string, Node[]>();
    for (const node of capturesIn(input.modelQuery, root, record.bodyStart, record.bodyEnd)) {
      if (node.startIndex < record.bodyStart || node.endIndex > record.bodyEnd) continue;
      const list = loaded.get(node.type);
      if (list) list.push(node);
      else loaded.set(node.type, [node]);
    }
    return loaded;
  };

  return {
    carried,
    loadedHoles: dirtyHoles,
    loadHole,
    byType,
    dirtyRanges,
    keptFindings,
    keptTextReads,
    keptTextTests: previous.textTests,
    nextState: (pass) => {
      const tests = new Map<string, TextTest>();
      for (const test of [...previous.textTests, ...pass.textTests]) tests.set(`${test.pattern.flags}/${test.pattern.source}`, test);
      return {
        text,
        settingsKey: previous.settingsKey,
        triggers: input.triggers,
        ruleIds: previous.ruleIds,
        carried,
        holes,
        findings: pass.findings,
        textReads: pass.textReads,
        textTests: [...tests.values()],
        hadRuleErrors: false,
      };
    },
  };
}

/** The carried model with every position after the edit moved; the edited hole keeps its start. */
function shiftCarried(carried: CarriedModel, shift: (offset: number) => number, edited: number): CarriedModel {
  const ref = (node: NodeRef): NodeRef => ({ type: node.type, start: shift(node.start), end: shift(node.end) });
  const outerBindings = new Map<string, CarriedModel['outerBindings'] extends Map<string, infer V> ? V : never>();
  for (const [key, records] of carried.outerBindings) {
    outerBindings.set(
      key,
      records.map((record) => ({ ...record, at: shift(record.at), node: ref(record.node), ...(record.value ? { value: ref(record.value) } : {}), ...(record.nameAt !== undefined ? { nameAt: shift(record.nameAt) } : {}) })),
    );
  }
  return {
    holes: carried.holes.map((hole, i) => ({ bodyStart: i === edited ? hole.bodyStart : shift(hole.bodyStart), bodyEnd: shift(hole.bodyEnd), definition: ref(hole.definition) })),
    outerScopes: carried.outerScopes.map((scope) => ({ scope: ref(scope.scope), bodyStart: shift(scope.bodyStart), bodyEnd: shift(scope.bodyEnd), parent: scope.parent })),
    outerBindings,
    importedModules: carried.importedModules,
    topLevelImports: carried.topLevelImports,
  };
}

/** A finding with its positions moved, or undefined when one of them is inside the edited body (it cannot be moved). */
function shiftFinding(finding: Finding, shift: (offset: number) => number, edited: HoleRecord): Finding | undefined {
  let inside = false;
  const move = (offset: number) => {
    if (offset > edited.bodyStart && offset < edited.bodyEnd) inside = true;
    return shift(offset);
  };
  const moved: Finding = {
    ...finding,
    start: move(finding.start),
    end: move(finding.end),
    ...(finding.fix ? { fix: { title: finding.fix.title, edits: finding.fix.edits.map((edit) => ({ start: move(edit.start), end: move(edit.end), newText: edit.newText })) } } : {}),
    ...(finding.flow ? { flow: finding.flow.map((step) => ({ ...step, start: move(step.start), end: move(step.end) })) } : {}),
  };
  return inside ? undefined : moved;
}
