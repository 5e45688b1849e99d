/**
 * Incremental analysis for the editor.
 *
 * The file is seen as *holes* (bodies of functions that are inside no other function) and the
 * *gaps* between them (imports, module code, class bodies, decorators, signatures). An edit is
 * either inside one hole or inside one gap; outside the changed range the new tree is the old one,
 * shifted. So the semantic model starts from the bindings, scopes and imports outside every hole,
 * carried over by position from the previous version, and records a hole's nodes only when
 * something asks about it; and the rules visit again only the nodes that intersect a *dirty*
 * range, every other finding being carried over, shifted.
 *
 * Every visit records what it depended on beyond its own node: the names it looked up outside
 * every function body (through the model, string shapes and taint, caches included: a cached
 * answer passes on the names it was computed from), the text it read through `textOf`, and the
 * whole-file patterns it tested through `textMatches`. Dirty are:
 *
 * - the changed range, so every node intersecting it: inside it, and the nodes that contain it
 *   (the `def` of the function, its class, the module);
 * - after an edit inside the body of function F: the visits that looked up F's name (a call of
 *   F takes its summary; so does a call of a function that calls F);
 * - after an edit in a gap: the visits that looked up a name bound by a statement the edit
 *   touches, and every function body inside the top-level statement the edit is in (its
 *   decorators, signature or class shape it);
 * - the visits that read the changed text through `textOf`.
 *
 * The whole file is analysed instead when that is not shown safe: the edit spans a hole and a gap
 * or changes a function's extent, adds or removes a function, touches an import or a lambda
 * outside every function, is on the first line (fixes take the line break from there), the
 * settings or the active rules changed, a whole-file pattern now answers differently, a rule that
 * reads the whole file (`wholeFile`) is active, a rule failed, or a carried position does not
 * match the new tree. The tests compare every incremental result with a whole-file analysis of
 * the same tree.
 */
import type { AnalysisSettings } from '../config/settings';
import type { Finding, Rule, Severity } from '../ruleApi/types';
import { BindingRecord, CarriedModel, HoleRecord, NodeRef, SemanticModel, modulesImportedBy } from '../semantic/model';
import { groupByType, ruleApplies, testWhole } from './passes';
import type { NameUse, OriginFinding, TextRead, TextTest } from './passes';
import { capturesIn, intersects, nodeAt } from '../parser/parser';
import { hasSuppressionMarker } from './suppressions';
import type { Node, Query, Span, Tree } from '../parser/parser';
import { Dirty, TriggerIndex } from './triggers';
import { lineStartAt } from '../core/text';

export type { Dirty } from './triggers';

/** The name a hole's function is bound to, and the modules it imports. */
interface HoleInfo {
  name: string;
  imports: string[];
}

/** An import statement outside every function body: what it adds to the file's imports. */
interface OuterImport {
  start: number;
  end: number;
  modules: string[];
  /** A statement of the module itself (its text is part of what function summaries are cached under). */
  topLevel: boolean;
}

function outerImportOf(node: Node): OuterImport {
  return {
    start: node.startIndex,
    end: node.endIndex,
    modules: modulesImportedBy(node),
    topLevel: node.parent?.type === 'module',
  };
}

/** Everything an editor analysis carries to the next version of the document. */
export interface CarriedState {
  text: string;
  settingsKey: string;
  triggers: TriggerIndex;
  ruleIds: string;
  carried: CarriedModel;
  holes: HoleInfo[];
  outerImports: OuterImport[];
  /** Findings with their fixes not yet checked, by the node whose visit made them. */
  findings: OriginFinding[];
  textReads: TextRead[];
  textTests: TextTest[];
  nameUses: NameUse[];
  hadRuleErrors: boolean;
}

type ActiveRule = { rule: Rule; severity: Severity };

/** Settings as a comparable key (sets as sorted lists). */
export function settingsKey(settings: AnalysisSettings): string {
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
  pass: {
    findings: OriginFinding[];
    ruleErrors: unknown[];
    textReads: TextRead[];
    textTests: TextTest[];
    nameUses: NameUse[];
  };
}): CarriedState {
  const carried = input.model.carryOver();
  const imports = [
    ...(input.byType.get('import_statement') ?? []),
    ...(input.byType.get('import_from_statement') ?? []),
  ];
  const names = functionNames(carried);
  const holes = carried.holes.map((hole): HoleInfo => ({
    name: names.get(hole.definition.start) ?? '',
    imports: importsInside(imports, hole),
  }));
  const outerImports = imports
    .filter((node) => !carried.holes.some((hole) => node.startIndex >= hole.bodyStart && node.endIndex <= hole.bodyEnd))
    .map(outerImportOf)
    .sort((a, b) => a.start - b.start);
  return {
    text: input.text,
    settingsKey: settingsKey(input.settings),
    triggers: input.triggers,
    ruleIds: ruleIdsOf(input.active),
    carried,
    holes,
    outerImports,
    findings: input.pass.findings,
    textReads: input.pass.textReads,
    textTests: input.pass.textTests,
    nameUses: input.pass.nameUses,
    hadRuleErrors: input.pass.ruleErrors.length > 0,
  };
}

/** The name each function outside every other function is bound to, by where its `def` starts. */
function functionNames(carried: CarriedModel): Map<number, string> {
  const names = new Map<number, string>();
  for (const records of carried.outerBindings.values())
    for (const record of records) if (record.kind === 'function') names.set(record.node.start, record.name);
  return names;
}

function importsInside(imports: readonly Node[], hole: HoleRecord): string[] {
  const modules = new Set<string>();
  for (const node of imports) {
    if (node.startIndex >= hole.bodyStart && node.endIndex <= hole.bodyEnd)
      for (const module of modulesImportedBy(node)) modules.add(module);
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
  keptNameUses: NameUse[];
  nextState(pass: {
    findings: OriginFinding[];
    textReads: TextRead[];
    textTests: TextTest[];
    nameUses: NameUse[];
  }): CarriedState;
}

/**
 * True when the tree still has this hole: a function body with exactly these bounds, in a `def` with exactly its
 * bounds.
 */
function holeIsIntact(root: Node, hole: HoleRecord): boolean {
  const body = nodeAt(root, { type: 'block', start: hole.bodyStart, end: hole.bodyEnd });
  const definition = body?.parent;
  return (
    !!definition &&
    definition.type === 'function_definition' &&
    definition.startIndex === hole.definition.start &&
    definition.endIndex === hole.definition.end
  );
}

/** Index of the last hole starting at or before `offset`, or -1. */
function holeBefore(holes: readonly HoleRecord[], offset: number): number {
  let found = -1;
  for (let low = 0, high = holes.length - 1; low <= high;) {
    const middle = (low + high) >> 1;
    if (holes[middle].bodyStart <= offset) {
      found = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}

/** Share of the file past which visiting the dirty parts again costs about as much as the whole file. */
const MAX_DIRTY_SHARE = 0.5;

/**
 * Works out what an edit makes dirty and what the previous analysis still answers; returns why
 * not when the whole file must be analysed instead.
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
  /** Set when planning again with the statements around the edit taken into the region. */
  retry?: boolean;
}): IncrementalPlan | string {
  const { tree, text, previous, dirty, active } = input;
  const root = tree.rootNode;
  if (previous.hadRuleErrors) return 'a rule failed on the previous version';
  if (settingsKey(input.settings) !== previous.settingsKey) return 'the settings changed';
  if (ruleIdsOf(active) !== previous.ruleIds) return 'the rules that apply changed';
  const imported = new Set(previous.carried.importedModules);
  // A whole-file rule that visits only the module runs in full every time (the module node
  // intersects every change); one that visits other nodes would need all of them.
  const wholeFile = active.find(
    ({ rule }) =>
      rule.wholeFile &&
      ruleApplies(rule, imported) &&
      (rule.references || Object.keys(rule.visitors).some((type) => type !== 'module')),
  );
  if (wholeFile) return `${wholeFile.rule.meta.id} reads the whole file`;
  // Fixes take the file's line break from its first line: an edit there may change every fix.
  const firstBreak = previous.text.search(/[\r\n]/);
  if (firstBreak < 0 || dirty.start <= firstBreak + 1) return 'the edit is on the first line';
  for (const test of previous.textTests) {
    if (testWhole(test.pattern, text) !== test.value) return 'a pattern a rule tests on the whole file changed';
  }
  // A suppression comment on the changed lines (before or after) silences findings beyond the edit.
  if (
    hasSuppressionMarker(linesAround(previous.text, dirty.start, dirty.oldEnd)) ||
    hasSuppressionMarker(linesAround(text, dirty.start, dirty.newEnd))
  )
    return 'the edit is on a line with a suppression comment';

  const delta = dirty.newEnd - dirty.oldEnd;
  // Positions after the change move by its length; those inside it stay inside it.
  const shift = (offset: number) =>
    offset >= dirty.oldEnd ? offset + delta : offset <= dirty.start ? offset : Math.min(offset, dirty.newEnd);
  const moveImport = (entry: OuterImport): OuterImport =>
    entry.end < dirty.start ? entry : { ...entry, start: shift(entry.start), end: shift(entry.end) };
  const oldHoles = previous.carried.holes;
  const before = holeBefore(oldHoles, dirty.start);
  // An edit inside the body of one function that leaves the body's extent as it was.
  const inHole =
    before >= 0 &&
    dirty.oldEnd <= oldHoles[before].bodyEnd &&
    holeIsIntact(root, {
      ...oldHoles[before],
      bodyEnd: oldHoles[before].bodyEnd + delta,
      definition: { ...oldHoles[before].definition, end: oldHoles[before].definition.end + delta },
    });
  const newEdited: Span = { start: dirty.start, end: dirty.newEnd };
  // A node that touches the changed text may have changed with it (`foo` + `x` typed after it):
  // the changed range widened by a character on each side, in old and in new positions.
  const oldTouched: Span = { start: dirty.start - 1, end: dirty.oldEnd + 1 };
  const newTouched: Span = { start: dirty.start - 1, end: dirty.newEnd + 1 };
  const dirtyRanges: Span[] = [newTouched];
  const dirtyHoles = new Set<number>();
  const changedNames = new Set<string>();
  let carried: CarriedModel;
  let holeInfo = previous.holes;
  let outerImports = previous.outerImports;

  if (inHole) {
    // An edit inside the body of one function: the rest of the file is unchanged, only shifted.
    carried = shiftCarried(previous.carried, shift, before, dirty.start);
    dirtyHoles.add(before);
    if (previous.holes[before].name) changedNames.add(previous.holes[before].name);
  } else {
    // An edit elsewhere: a region around it is read again from the new tree (its function bodies,
    // its bindings outside them and what they import) and replaces the same region of the old
    // one. The region starts from the characters around the change (what touches it may have
    // changed with it) and grows until every function body and binding it meets, old or new, is
    // wholly inside it, except the statements that contain it (a class, say), which stay.
    const oldSpan = (ref: { start: number; end: number }): Span => ({
      start: ref.start,
      end: Math.max(ref.end, ref.start + 1),
    });
    // A new position in old terms (one inside the changed text maps to its edge).
    const back = (offset: number, edge: 'start' | 'end') =>
      offset < dirty.start
        ? offset
        : offset >= dirty.newEnd
          ? offset - delta
          : edge === 'start'
            ? dirty.start
            : dirty.oldEnd;
    const region: Span = { start: Math.max(0, oldTouched.start), end: Math.min(previous.text.length, oldTouched.end) };
    // A class whose body holds the region stays (what uses of its name see is its header), unless
    // it changed too: then the region takes it in. Any other binding statement the region meets
    // is read again whole.
    const keepAround = !input.retry;
    const around = (record: BindingRecord, span: Span) =>
      keepAround &&
      record.kind === 'class' &&
      record.bodyStart !== undefined &&
      record.node.start < span.start &&
      record.node.end > span.end &&
      span.start >= record.bodyStart;
    let nodes: Node[] = [];
    let regionModel: SemanticModel | undefined;
    for (let round = 0; ; round++) {
      if (round === 6) return 'the edit reaches too far';
      const newRegion: Span = { start: region.start, end: region.end + delta };
      let grown = false;
      const grow = (span: Span) => {
        if (span.start < region.start) {
          region.start = span.start;
          grown = true;
        }
        if (span.end > region.end) {
          region.end = span.end;
          grown = true;
        }
      };
      for (const hole of oldHoles)
        if (intersects(oldSpan({ start: hole.bodyStart, end: hole.bodyEnd }), region))
          grow({ start: hole.bodyStart, end: hole.bodyEnd });
      for (const records of previous.carried.outerBindings.values()) {
        for (const record of records) {
          const span = oldSpan(record.node);
          if (intersects(span, region) && !around(record, region)) grow(span);
        }
      }
      nodes = capturesIn(input.modelQuery, root, newRegion.start, Math.max(newRegion.end, newRegion.start + 1));
      regionModel = new SemanticModel(root, text, groupByType(nodes));
      for (const hole of regionModel.holeRecords()) {
        if (intersects(oldSpan({ start: hole.bodyStart, end: hole.bodyEnd }), newRegion))
          grow({ start: back(hole.bodyStart, 'start'), end: back(hole.bodyEnd, 'end') });
      }
      for (const record of regionModel.moduleBindingRecords()) {
        const span = oldSpan(record.node);
        if (intersects(span, newRegion) && !around(record, newRegion))
          grow({ start: back(span.start, 'start'), end: back(span.end, 'end') });
      }
      if (!grown) break;
    }
    const oldRegion: Span = { ...region };
    const newRegion: Span = { start: region.start, end: region.end + delta };
    if (
      /\blambda\b/.test(previous.text.slice(oldRegion.start, oldRegion.end)) ||
      /\blambda\b/.test(text.slice(newRegion.start, newRegion.end))
    )
      return 'a lambda outside every function is near the edit';
    // Holes before the region stay, those after it move; those inside are found again.
    const firstInside = holeBefore(oldHoles, oldRegion.start - 1) + 1;
    let afterRegion = firstInside;
    while (afterRegion < oldHoles.length && oldHoles[afterRegion].bodyStart < oldRegion.end) afterRegion++;
    const shiftedAll = shiftCarried(previous.carried, shift, -1, dirty.start);
    const newHoles = regionModel
      .holeRecords()
      .filter((hole) => intersects(oldSpan({ start: hole.bodyStart, end: hole.bodyEnd }), newRegion));
    if (newHoles.some((hole) => hole.bodyStart < newRegion.start || hole.bodyEnd > newRegion.end))
      return "the edit changed a function's extent";
    const holes = [...shiftedAll.holes.slice(0, firstInside), ...newHoles, ...shiftedAll.holes.slice(afterRegion)];
    for (const h of [firstInside - 1, firstInside + newHoles.length]) {
      if (h >= 0 && h < holes.length && !holeIsIntact(root, holes[h])) return "the edit changed a function's extent";
    }
    // A function whose header (decorators, `def` line) the edit touches, before or after it, or
    // whose decorators came or went, is read again whole: its decorators shape its body's findings.
    const after = firstInside + newHoles.length;
    if (after < holes.length) {
      const definition = nodeAt(root, holes[after].definition);
      const headerStart =
        definition?.parent?.type === 'decorated_definition'
          ? definition.parent.startIndex
          : holes[after].definition.start;
      if (headerStart !== holes[after].headerStart) holes[after] = { ...holes[after], headerStart };
    }
    oldHoles.forEach((hole, h) => {
      if (!intersects({ start: hole.headerStart, end: hole.bodyStart }, oldTouched)) return;
      const moved = h < firstInside ? h : h >= afterRegion ? h - afterRegion + firstInside + newHoles.length : -1;
      if (moved >= 0) dirtyHoles.add(moved);
    });
    holes.forEach((hole, h) => {
      if (
        intersects({ start: hole.headerStart, end: hole.bodyStart }, newTouched) ||
        (h === after && hole.headerStart !== shift(oldHoles[afterRegion]?.headerStart ?? -1))
      )
        dirtyHoles.add(h);
    });
    // Imports: outside functions an edited one changes what the file imports; inside, compare.
    const importNodes = nodes.filter(
      (node) => node.type === 'import_statement' || node.type === 'import_from_statement',
    );
    const outsideHoles = (node: Node) =>
      !newHoles.some((hole) => node.startIndex >= hole.bodyStart && node.endIndex <= hole.bodyEnd);
    outerImports = [
      ...previous.outerImports.filter((entry) => !intersects(oldSpan(entry), oldRegion)).map(moveImport),
      ...importNodes
        .filter(
          (node) =>
            outsideHoles(node) && intersects(oldSpan({ start: node.startIndex, end: node.endIndex }), newRegion),
        )
        .map(outerImportOf),
    ].sort((a, b) => a.start - b.start);
    const newInfo = newHoles.map((hole): HoleInfo => ({ name: '', imports: importsInside(importNodes, hole) }));
    // Bindings: those in the region are replaced by the region's own; the statements around it
    // (a class holding it) stay, moved. Every name the region binds, before or after, counts as
    // changed (its statements may have moved into or out of a function, a branch, ...); a class
    // around the region only when the change touches its header (what uses of its name see).
    const classHeader = (record: BindingRecord): Span => ({
      start: record.node.start,
      end: record.bodyStart ?? record.node.end,
    });
    const changes = (record: BindingRecord, touched: Span) =>
      intersects(record.kind === 'class' ? classHeader(record) : oldSpan(record.node), touched);
    const outerBindings = new Map<string, BindingRecord[]>();
    const aroundKeys = new Set<string>();
    for (const [key, records] of previous.carried.outerBindings) {
      const moved = shiftedAll.outerBindings.get(key)!;
      const kept: BindingRecord[] = [];
      records.forEach((record, i) => {
        const span = oldSpan(record.node);
        if (!intersects(span, oldRegion) || around(record, oldRegion)) kept.push(moved[i]);
        if (around(record, oldRegion))
          aroundKeys.add(
            `${record.kind}:${record.name}:${record.node.type}:${moved[i].node.start}:${moved[i].node.end}`,
          );
        if (intersects(span, oldRegion) && (!around(record, oldRegion) || changes(record, oldTouched)))
          changedNames.add(record.name);
      });
      if (kept.length) outerBindings.set(key, kept);
    }
    for (const record of regionModel.moduleBindingRecords()) {
      const span = oldSpan(record.node);
      if (!intersects(span, newRegion)) continue;
      if (!around(record, newRegion) || changes(record, newTouched)) changedNames.add(record.name);
      if (around(record, newRegion)) {
        // A statement around the region is the one that was there, moved.
        if (
          !aroundKeys.delete(
            `${record.kind}:${record.name}:${record.node.type}:${record.node.start}:${record.node.end}`,
          )
        )
          return planIncrementalAnalysis({ ...input, retry: true });
        continue;
      }
      const key = `-1:${record.name}`;
      const list = outerBindings.get(key);
      if (list) list.push(record);
      else outerBindings.set(key, [record]);
    }
    if (aroundKeys.size) return planIncrementalAnalysis({ ...input, retry: true });
    for (const list of outerBindings.values()) list.sort((a, b) => a.at - b.at);
    carried = { ...shiftedAll, holes, outerBindings };
    const names = functionNames(carried);
    newHoles.forEach((hole, i) => (newInfo[i].name = names.get(hole.definition.start) ?? ''));
    holeInfo = [...previous.holes.slice(0, firstInside), ...newInfo, ...previous.holes.slice(afterRegion)];
    for (let h = firstInside; h < firstInside + newHoles.length; h++) dirtyHoles.add(h);
    dirtyRanges.push(newRegion);
    // Rules read around the node they visit, up to its statement, and the names of the functions
    // and classes around it: the statements the edit starts and ends in are dirty, and when the
    // edit is in the header of a compound statement (a decorator, a `def` or `class` line, an `if`
    // condition), everything inside it.
    for (const at of [newEdited.start, Math.max(newEdited.start, newEdited.end - 1)]) {
      const statement = enclosingStatement(root, { start: at, end: at });
      if (!statement) continue;
      dirtyRanges.push({ start: statement.startIndex, end: statement.endIndex });
      holes.forEach((hole, h) => {
        if (hole.bodyStart >= statement.startIndex && hole.bodyEnd <= statement.endIndex) dirtyHoles.add(h);
      });
    }
  }

  for (const h of dirtyHoles) dirtyRanges.push({ start: carried.holes[h].bodyStart, end: carried.holes[h].bodyEnd });
  // Visits that looked up a changed name, or read the changed text.
  for (const use of previous.nameUses) {
    for (const name of changedNames) {
      if (use.names.has(name)) {
        dirtyRanges.push({ start: shift(use.origin.start), end: shift(use.origin.end) });
        break;
      }
    }
  }
  for (const read of previous.textReads) {
    if (intersects(read, oldTouched))
      dirtyRanges.push({ start: shift(read.origin.start), end: shift(read.origin.end) });
  }
  let dirtyLength = 0;
  for (const range of dirtyRanges) dirtyLength += range.end - range.start;
  if (dirtyLength > text.length * MAX_DIRTY_SHARE) return 'the edit reaches most of the file';

  // A visit is clean when its node (old positions) does not touch the change and, moved, meets no
  // other dirty range. The previous state is used up: the records of clean visits are moved in place.
  const elsewhere = dirtyRanges.slice(1);
  const moveIfClean = (origin: Span): boolean => {
    if (intersects(origin, oldTouched)) return false;
    origin.start = shift(origin.start);
    origin.end = shift(origin.end);
    for (const range of elsewhere) if (intersects(origin, range)) return false;
    return true;
  };

  // Findings of clean visits are kept, shifted; none may point into the changed text.
  const keptFindings: OriginFinding[] = [];
  for (const entry of previous.findings) {
    if (!moveIfClean(entry.origin)) continue;
    const finding = shiftFinding(entry.finding, shift, oldTouched);
    if (!finding) return 'a finding elsewhere points into the changed text';
    keptFindings.push({ origin: entry.origin, finding });
  }
  const keptTextReads: TextRead[] = [];
  for (const read of previous.textReads) {
    if (!moveIfClean(read.origin)) continue;
    read.start = shift(read.start);
    read.end = shift(read.end);
    keptTextReads.push(read);
  }
  const keptNameUses: NameUse[] = [];
  for (const use of previous.nameUses) if (moveIfClean(use.origin)) keptNameUses.push(use);

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
  const byType = groupByType(nodes);

  // What the file imports, again from its import statements: when that changed, everything is analysed.
  if (inHole) {
    const importNodes = [...(byType.get('import_statement') ?? []), ...(byType.get('import_from_statement') ?? [])];
    const imports = importsInside(importNodes, carried.holes[before]);
    if (imports.join('\n') !== previous.holes[before].imports.join('\n'))
      holeInfo = holeInfo.map((info, h) => (h === before ? { ...info, imports } : info));
    outerImports = outerImports.map(moveImport);
  }
  if (holeInfo !== previous.holes || !inHole) {
    const modules = new Set<string>();
    for (const entry of outerImports) for (const module of entry.modules) modules.add(module);
    for (const info of holeInfo) for (const module of info.imports) modules.add(module);
    const before = new Set(previous.carried.importedModules);
    if (modules.size !== before.size || [...modules].some((module) => !before.has(module)))
      return 'the edit changed what the file imports';
    carried = {
      ...carried,
      topLevelImports: outerImports
        .filter((entry) => entry.topLevel)
        .map((entry) => text.slice(entry.start, entry.end)),
    };
  }

  const loadHole = (record: HoleRecord): Map<string, Node[]> =>
    groupByType(
      capturesIn(input.modelQuery, root, record.bodyStart, record.bodyEnd).filter(
        (node) => node.startIndex >= record.bodyStart && node.endIndex <= record.bodyEnd,
      ),
    );

  return {
    carried,
    loadedHoles: dirtyHoles,
    loadHole,
    byType,
    dirtyRanges,
    keptFindings,
    keptTextReads,
    keptTextTests: previous.textTests,
    keptNameUses,
    nextState: (pass) => {
      const tests = new Map<string, TextTest>();
      for (const test of [...previous.textTests, ...pass.textTests])
        tests.set(`${test.pattern.flags}/${test.pattern.source}`, test);
      return {
        text,
        settingsKey: previous.settingsKey,
        triggers: input.triggers,
        ruleIds: previous.ruleIds,
        carried,
        holes: holeInfo,
        outerImports,
        findings: pass.findings,
        textReads: pass.textReads,
        textTests: [...tests.values()],
        nameUses: pass.nameUses,
        hadRuleErrors: false,
      };
    },
  };
}

const statementType = /(?:_statement|_definition)$|^decorated_definition$/;
const clauseType = /^(?:elif|else|except|except_group|finally|case)_clause$/;

/**
 * What an edit at `range` can change beyond the nodes it touches: rules read around the node they
 * visit, up to its statement, and the headers around it (the names of enclosing functions and
 * classes, the conditions of enclosing `if`s). So: the simple statement holding `range`, or the
 * compound statement whose header holds it (a decorator, a `def` or `class` line, a condition;
 * for a clause such as `elif`, the whole statement it belongs to). Undefined when `range` is in
 * a body between statements, or at the top level.
 */
function enclosingStatement(root: Node, range: Span): Node | undefined {
  for (
    let node: Node | null = root.descendantForIndex(range.start, Math.max(range.start, range.end));
    node;
    node = node.parent
  ) {
    const clause = clauseType.test(node.type);
    if (!clause && !statementType.test(node.type)) continue;
    const body =
      node.type === 'decorated_definition'
        ? node.childForFieldName('definition')
        : (node.childForFieldName('body') ??
          node.childForFieldName('consequence') ??
          node.namedChildren.find((child) => child?.type === 'block') ??
          null);
    if (body && range.start >= body.startIndex) return undefined;
    return clause ? (node.parent ?? undefined) : node;
  }
  return undefined;
}

/** The whole lines that hold text[start, end). */
function linesAround(text: string, start: number, end: number): string {
  const from = lineStartAt(text, start);
  const breaks = [text.indexOf('\n', end), text.indexOf('\r', end)].filter((at) => at >= 0);
  return text.slice(from, breaks.length ? Math.min(...breaks) : text.length);
}

/** The carried model with every position after the edit moved; the edited hole keeps its start. */
function shiftCarried(
  carried: CarriedModel,
  shift: (offset: number) => number,
  edited: number,
  from: number,
): CarriedModel {
  const ref = (node: NodeRef): NodeRef =>
    node.end < from ? node : { type: node.type, start: shift(node.start), end: shift(node.end) };
  const outerBindings = new Map<string, BindingRecord[]>();
  for (const [key, records] of carried.outerBindings) {
    outerBindings.set(
      key,
      // Records wholly before the change stay as they are (they are never changed, only replaced).
      records.map((record) =>
        record.at < from &&
        record.node.end < from &&
        (record.value?.end ?? 0) < from &&
        (record.nameAt ?? 0) < from &&
        (record.bodyStart ?? 0) < from
          ? record
          : {
              ...record,
              at: shift(record.at),
              node: ref(record.node),
              ...(record.value ? { value: ref(record.value) } : {}),
              ...(record.nameAt !== undefined ? { nameAt: shift(record.nameAt) } : {}),
              ...(record.bodyStart !== undefined ? { bodyStart: shift(record.bodyStart) } : {}),
            },
      ),
    );
  }
  return {
    holes: carried.holes.map((hole, i) => ({
      bodyStart: i === edited ? hole.bodyStart : shift(hole.bodyStart),
      bodyEnd: shift(hole.bodyEnd),
      definition: ref(hole.definition),
      headerStart: shift(hole.headerStart),
    })),
    outerScopes: carried.outerScopes.map((scope) => ({
      scope: ref(scope.scope),
      bodyStart: shift(scope.bodyStart),
      bodyEnd: shift(scope.bodyEnd),
      parent: scope.parent,
    })),
    outerBindings,
    importedModules: carried.importedModules,
    topLevelImports: carried.topLevelImports,
  };
}

/**
 * A finding with its positions moved, or undefined when one of them is inside the changed text (it cannot be moved).
 */
function shiftFinding(finding: Finding, shift: (offset: number) => number, edited: Span): Finding | undefined {
  let inside = false;
  const move = (offset: number) => {
    if (offset >= edited.start && offset <= edited.end) inside = true;
    return shift(offset);
  };
  const moved: Finding = {
    ...finding,
    start: move(finding.start),
    end: move(finding.end),
    ...(finding.fix
      ? {
          fix: {
            ...finding.fix,
            edits: finding.fix.edits.map((edit) => ({
              start: move(edit.start),
              end: move(edit.end),
              newText: edit.newText,
            })),
          },
        }
      : {}),
    ...(finding.flow
      ? { flow: finding.flow.map((step) => ({ ...step, start: move(step.start), end: move(step.end) })) }
      : {}),
  };
  return inside ? undefined : moved;
}
