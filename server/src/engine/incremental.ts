/**
 * Incremental analysis for the editor.
 *
 * The file is seen as *holes* (bodies of functions that are inside no other function) and the
 * *gaps* between them (imports, module code, class bodies, decorators, signatures). An edit is
 * either inside one hole or inside one gap; outside the changed range the new tree is the old one,
 * shifted. So the semantic model starts from the bindings, scopes and imports outside every hole,
 * carried over by position from the previous version, and records a hole's nodes only when
 * something asks about it; and the rules visit again only the nodes that intersect a *dirty*
 * range and the dependent visits below, every other finding being carried over, shifted.
 *
 * Every visit records what it depended on beyond its own node: the names it looked up outside
 * every function body (through the model, string shapes and taint, caches included: a cached
 * answer passes on the names it was computed from), the places of other functions it read (the
 * calls of a function, the words naming an attribute, the `global` statements declaring a name),
 * whether it read the set of imported modules (`IMPORTED_MODULES`, recorded like a name) or asked
 * the taint analysis (`TAINT_IMPORTS`), the text it read through `textOf`, and the whole-file
 * patterns it tested through `textMatches`. Dirty are:
 *
 * - the changed range, so every node intersecting it: inside it, and the nodes that contain it
 *   (the `def` of the function, its class, the module);
 * - after an edit inside the body of function F: the visits that looked up F's name (a call of
 *   F takes its summary; so does a call of a function that calls F; a method called on an object
 *   or its class is looked up through the class: `SemanticModel.methodNamed`), unless the edit
 *   changed only the text of a comment (`changedComment`), which changes nothing F does;
 * - after an edit in a gap: the visits that looked up a name bound by a statement the edit
 *   touches, or through its class a method whose definition is in the region read again (before
 *   or after the edit), or the statements of the body of a class that meets that region, and
 *   every function body inside the top-level statement the edit is in (its
 *   decorators, signature or class shape it);
 * - the visits that read places of other functions that the edited text holds, before or after
 *   the edit (for an edit in a function body, its whole body, whose flow shapes what it passes
 *   at a call, or only the comment when nothing else changed): a call of the function (`name(`),
 *   a place that may name the attribute (after a dot; first in a statement, unless the edit is in
 *   a function body that defines no class: a class body is the only place where `name = ...` sets
 *   an attribute), `global` and the name (see `occurrenceUses`);
 * - after an edit that changes the set of imported modules (an import typed, renamed, added or
 *   removed, in a gap or in a hole): the visits that read the set; and when it changes what the
 *   taint analysis reads of it (`taintImportsKey`: the web framework of a handler), the visits
 *   that asked the taint analysis anything; what the import's names bind is a binding like any
 *   other;
 * - the visits that read the changed text through `textOf`;
 * - the visits whose findings point into the changed text (a fix that inserts where the edit is,
 *   a finding that ends at the line break the edit touches): their positions cannot be moved.
 *
 * A visit of a node that holds the change (the module, a class around it) is made again anyway:
 * what it depended on dirties nothing more (its range would be most of the file); the other
 * dependent visits are made again alone, not those of the nodes inside theirs, whose records say
 * what they read (`VisitSelection`). Lambdas outside every function body (module level,
 * class bodies, default values, decorators) are scopes of their own whose bindings are kept by
 * their place among those lambdas: the region read again around an edit in a gap grows over every
 * lambda it meets, and the list of lambdas is spliced as the list of holes is.
 *
 * The taint analysis's answers about other functions of the file (what the calls of a function pass for a parameter,
 * what `self.x` holds when a method starts, what the functions declaring a global assign to it) are kept from one
 * version to the next too (`CarriedAnswer`, `keepAnswers`), each with what it read, by the same test: an answer that
 * read a name, word or call the edit changed is computed again, so is one about a function whose header is in the
 * text read again or one with a place in it; the others are moved. A visit made again then asks only what the edit
 * changed, instead of following every caller of the edited function, and their callers, afresh.
 *
 * The state an analysis leaves is used up by the next one: what stays of it (the carried model's
 * bindings, function bodies and lambdas, the visits' records, the findings wholly before the edit)
 * is moved in place rather than copied, so an edit makes about as much garbage as it changes,
 * whatever the file holds. A refusal after that analyses the whole file, which reads nothing of
 * the old state; the region read again around an edit is tried twice (see `rereadRegion`), so a
 * try checks whatever can make it fail before it moves anything.
 *
 * What changed is tree-sitter's changed range, unless the text says less (`editStart`). Its error recovery can
 * restructure the rest of the file after a keystroke (a character typed into indentation, a quote of a docstring
 * deleted, an unclosed bracket), although the text after the edit did not change. So the change is also taken from
 * the text (`textChange`: the longest common prefix and suffix left out) and widened to the statements it touches
 * (`statementsAround`): the module's, or when it is inside the body of one class of the module (between the first
 * and the last statement of that body), the body's (`CarriedState.statements` keeps both, for a tree without
 * syntax errors):
 *
 * - when tree-sitter's range stays inside those statements, it is the change, as above, unless a statement the
 *   change touches is misindented (below);
 * - when it reaches beyond them and the new tree has no syntax errors either, the change is those statements
 *   (`narrowToStatements`, from `text`), provided the other statements are the same in both trees: those before
 *   them at the same places, those after them moved by the change (the module's; then, when the change is inside
 *   one class in both trees, its body's); else tree-sitter's range. A statement of the module starts with the lexer
 *   as a file does (no bracket, string or indentation open), and one of a class's body as every other statement of
 *   that body does: in two trees without syntax errors, a statement with the same text, at the same place among the
 *   same statements, is parsed the same;
 * - when it reaches beyond them and the new tree has syntax errors (tree-sitter's), or whatever range it reports when
 *   a statement the change touches is indented where CPython rejects it (`misindentedAt`: tree-sitter may accept
 *   the text and restructure the file for it, or report an error whose recovery leaves the edited method out of its
 *   class, so that the region read again would be the class), nothing is analysed (`keepFindings`, the mode `kept`):
 *   the findings are those of the previous version (which had no syntax errors), each moved by the change, less those
 *   with a position in the changed text or within a character of it (they cannot be moved). Findings elsewhere stay
 *   as they were even when what they depend on changed: they describe the last text that parsed.
 *   The settings, the active rules, the first line, suppression comments and whole-file patterns are checked as
 *   for an incremental analysis, and the whole file is analysed when one of them changed. That previous analysis
 *   is kept unused (`CarriedState.parsed`) while the text has syntax errors; each later version with syntax errors
 *   is `kept` from it too (the change is always the text's since it), until the whole file is analysed (a fresh
 *   parse, a refusal), after which the versions with syntax errors are analysed as above, from the previous one;
 * - once the text has no syntax errors again, the change is the statements whose text changed since that last
 *   version that parsed, and it is analysed from it (`from: 'parsed'`), as for the narrowed change above; when the
 *   other statements are not the same, from the previous version (or, after `kept`, the whole file).
 *
 * So a text without syntax errors (and misindented nowhere near the change) always gets what a whole-file analysis
 * of its tree gives; a text with syntax errors gets it too unless tree-sitter restructured the tree beyond the statements whose text changed since the
 * last version that parsed, and then gets that version's findings, moved. The tests compare both with a whole-file
 * analysis (of the same tree, and of the last version that parsed).
 *
 * The whole file is analysed instead when that is not shown safe: the edit spans a hole and a gap
 * or changes a function's extent, changes the first line (fixes take the line break from there),
 * reaches more than half of the file, the settings, the active rules or the rules an import
 * enables (`requiresImport`) changed, a whole-file pattern now answers differently, a rule that
 * reads the whole file (`wholeFile`) is active, a rule failed, the changed lines hold a
 * suppression comment, or a carried position does not match the new tree. The tests compare
 * every incremental result with a whole-file analysis of the same tree;
 * `scripts/bench/fallbacks.ts` counts the fallbacks by reason on the bench's files.
 */
import type { AnalysisSettings } from '../config/settings';
import type { Finding, Rule, Severity } from '../ruleApi/types';
import {
  BindingRecord,
  CarriedModel,
  classBodyUse,
  HoleRecord,
  IMPORTED_MODULES,
  NodeRef,
  describeUse,
  importChangeUses,
  methodCallUses,
  moduleReceiverCallUses,
  TAINT_IMPORTS,
  ScopeRecord,
  SemanticModel,
  modulesImportedBy,
  occurrenceUses,
} from '../semantic/model';
import { answerOfUse, answerUse, type CarriedAnswer, carriedAnswerKey, taintImportsKey } from '../semantic/taint';
import { movedValue, sameTaint, type TaintValue } from '../semantic/dataflow/value';
import { groupByType, ruleApplies, testWholeAfterEdit, VisitSelection } from './passes';
import type { NameUse, OriginFinding, TextRead, TextTest } from './passes';
import { capturesByType, capturesIn, intersects, namedCapturesIn, nodeAt } from '../parser/parser';
import { hasSuppressionMarker } from './suppressions';
import { misindentedAt } from '../parser/strictSyntax';
import type { Node, Query, Span, Tree } from '../parser/parser';
import { Dirty, TriggerIndex } from './triggers';
import { lineStartAt } from '../core/text';
import { partitionCount, partitionPoint } from '../core/search';

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

/** Everything an editor analysis carries to the next version of the document (used up by it: see the top). */
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
  /** Whether the tree analysed had syntax errors (a state kept from is always of a tree without). */
  syntaxErrors: boolean;
  /** The statements the change is widened to (see the top), as they were; empty after syntax errors. */
  statements: Statements;
  /**
   * While the text has syntax errors, after findings were kept (below): the last analysis of a text without syntax
   * errors, not used since. Once the text parses again, the next version is analysed from it (see the top).
   */
  parsed?: CarriedState;
  /**
   * The text has syntax errors that tree-sitter's error recovery spread beyond the statements whose text changed: the
   * findings are those of `parsed`, moved, and the rest of this state is a copy of it.
   */
  kept?: boolean;
  /**
   * What this version's findings and answers read of other modules (path → hash of the text read), from the analyses
   * they were made in: an incremental analysis adds what it read to the reads of the findings it keeps, so a change of
   * one of those files re-checks the document whichever version last analysed the function that read it.
   */
  moduleReads?: ReadonlyMap<string, string>;
  /** The taint analysis's answers about other functions, for the next version (see `keepAnswers`). */
  answers?: ReadonlyMap<string, CarriedAnswer>;
  /**
   * The classes whose methods' calls an analysis of this document read (`SemanticModel.readsMethodCalls`), in this
   * version or any earlier one whose records it keeps: those an edit may change the calls of (`methodCallUses`).
   */
  methodCallClasses?: ReadonlySet<string>;
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
  root: Node;
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
    syntaxErrors: input.root.hasError,
    statements: input.root.hasError ? noStatements() : statementsOf(input.root),
  };
}

/**
 * The module's children (statements and comments) and the children of the bodies of its classes, each as
 * `[start, end, start, end, ...]` in document order.
 */
export interface Statements {
  module: number[];
  classes: number[];
}

/**
 * The index (even, into `[start, end, ...]`) of the first span for which `before` (given that index) is false, the
 * spans being those for which it is true first; `spans.length` when there is none.
 */
function spanPoint(spans: readonly number[], before: (at: number) => boolean): number {
  return 2 * partitionCount(spans.length / 2, (span) => before(2 * span));
}

function noStatements(): Statements {
  return { module: [], classes: [] };
}

/** The body of the class a statement of the module defines (decorated or not). */
function classBody(statement: Node): Node | null {
  const definition = statement.type === 'decorated_definition' ? statement.childForFieldName('definition') : statement;
  return definition?.type === 'class_definition' ? definition.childForFieldName('body') : null;
}

function statementsOf(root: Node): Statements {
  const statements = noStatements();
  const cursor = root.walk();
  if (cursor.gotoFirstChild()) {
    do {
      statements.module.push(cursor.startIndex, cursor.endIndex);
      const type = cursor.nodeType;
      if (type !== 'class_definition' && type !== 'decorated_definition') continue;
      for (const child of classBody(cursor.currentNode)?.children ?? [])
        if (child) statements.classes.push(child.startIndex, child.endIndex);
    } while (cursor.gotoNextSibling());
  }
  cursor.delete();
  return statements;
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

/** What an incremental analysis was planned to do again, for the benchmark scripts (`scripts/bench/fallbacks.ts`). */
export interface PlanSummary {
  /** Where the edit was: inside one function body (whose extent it kept), or in a region read again around it. */
  edit: 'function body' | 'region';
  /** Characters the dirty ranges cover together. */
  dirtyCharacters: number;
  /** Nodes the rules visit again. */
  visitedNodes: number;
  /** Function bodies whose nodes are recorded before anything asks (the edited one, those of the region). */
  dirtyBodies: number;
  /** Earlier visits made again because they read something the edit changed, by what they read (most first). */
  dependents: [string, number][];
  /** Earlier visits made again because they read the changed text, or their findings point into it. */
  textDependents: number;
  /**
   * Earlier visits that read nothing the edit changed but asked answers it may have changed (see `keepAnswers`):
   * each is made again only when asking one of those again gives another answer.
   */
  answerDependents: number;
  /** Of `answerDependents`, those made again (set once the answers are asked again). */
  answerDependentsMadeAgain: number;
  importsChanged: boolean;
  taintImportsChanged: boolean;
}

export interface IncrementalPlan {
  summary: PlanSummary;
  carried: CarriedModel;
  /** The previous version's answers about other functions that still hold, moved (see `keepAnswers`). */
  answers?: ReadonlyMap<string, CarriedAnswer>;
  /** The ids of the answers that may have changed, by their question in the new version (`carriedAnswerKey`). */
  answerIds: ReadonlyMap<string, number>;
  /** The answers that may have changed, by id. */
  droppedAnswers: ReadonlyMap<number, DroppedAnswer>;
  /**
   * The earlier visits, kept among the clean ones, that asked answers that may have changed: the engine asks those
   * again, and makes again (`nodesToVisit`) the visits for which an answer changed, dropping what they kept.
   */
  pending: PendingVisit[];
  nodesToVisit(selection: VisitSelection): Map<string, Node[]>;
  loadedHoles: ReadonlySet<number>;
  loadHole: (hole: HoleRecord) => Map<string, Node[]>;
  /** The nodes to visit again: every captured node `selection` selects. */
  byType: Map<string, Node[]>;
  selection: VisitSelection;
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

/**
 * Adds to `changed` the uses an edit in the body of the function `hole` changes for answers that read the calls of a
 * method (see `methodCallUses`), from the body's texts before and after the edit (`bodies`): the calls of a class's
 * methods in a function that may name its objects (as `TaintTracker.sameFileCalls` finds them): a method of the class,
 * or a function whose text holds the class's name; and the calls on a variable of the module bound to a call, whose
 * object may be of any class.
 */
function bodyMethodCallUses(
  previous: CarriedState,
  hole: HoleRecord,
  bodies: readonly string[],
  changed: Set<string>,
): void {
  const header = previous.text.slice(hole.headerStart, hole.bodyStart);
  const owner = hole.method?.slice(1, hole.method.lastIndexOf('.'));
  const related = [...(previous.methodCallClasses ?? [])].filter(
    (name) => name === owner || header.includes(name) || bodies.some((body) => body.includes(name)),
  );
  methodCallUses(changed, related);
  const bound = boundToCall([previous.carried.outerBindings]);
  for (const body of bodies) moduleReceiverCallUses(body, bound, changed);
}

/**
 * `bodyMethodCallUses` for an edit that reads a region again: the functions whose calls may have changed are those of
 * `texts` (the region before and after the edit, the statements around the edit, the bodies read again with their
 * headers), the methods defined in the region (`methods`, the uses of their lookups through their class) among them.
 * The module's variables bound to a call are looked for before and after the edit (`bindings`, and the previous
 * state's).
 */
function regionMethodCallUses(
  previous: CarriedState,
  texts: readonly string[],
  methods: readonly string[],
  bindings: readonly ReadonlyMap<string, readonly BindingRecord[]>[],
  changed: Set<string>,
): void {
  const owners = new Set(methods.map((method) => method.slice(1, method.lastIndexOf('.'))));
  const related = [...(previous.methodCallClasses ?? [])].filter(
    (name) => owners.has(name) || texts.some((text) => text.includes(name)),
  );
  methodCallUses(changed, related);
  const bound = boundToCall([previous.carried.outerBindings, ...bindings]);
  for (const text of texts) moduleReceiverCallUses(text, bound, changed);
}

/** Whether a name is a variable of the module assigned a call in one of `bindings` (keyed as `CarriedModel`'s). */
function boundToCall(bindings: readonly ReadonlyMap<string, readonly BindingRecord[]>[]): (name: string) => boolean {
  return (name) =>
    bindings.some(
      (map) =>
        map.get(`-1:${name}`)?.some((record) => record.kind === 'assignment' && record.value?.type === 'call') ?? false,
    );
}

/** Index of the last hole starting at or before `offset`, or -1. */
function holeBefore(holes: readonly HoleRecord[], offset: number): number {
  return partitionPoint(holes, (hole) => hole.bodyStart <= offset) - 1;
}

/** Share of the file past which visiting the dirty parts again costs about as much as the whole file. */
const MAX_DIRTY_SHARE = 0.5;

/** How many characters the ranges cover together (a character in several of them counts once). */
function coveredLength(ranges: readonly Span[]): number {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  let length = 0;
  let end = -1;
  for (const range of sorted) {
    const from = Math.max(range.start, end);
    if (range.end > from) length += range.end - from;
    end = Math.max(end, range.end);
  }
  return length;
}

/** What an incremental analysis is planned from. */
interface PlanInput {
  tree: Tree;
  text: string;
  settings: AnalysisSettings;
  previous: CarriedState;
  dirty: Dirty;
  active: readonly ActiveRule[];
  triggers: TriggerIndex;
  query: Query;
  modelQuery: Query;
  /** Import statements only. */
  importQuery: Query;
}

/** An edit's ranges, old and new, and how it moves the positions after it. */
interface Edit {
  dirty: Dirty;
  /** How much longer the new text is than the old. */
  delta: number;
  /** Positions after the change move by its length; those inside it stay inside it. */
  shift: (offset: number) => number;
  /** The changed text, in new positions. */
  newEdited: Span;
  /**
   * A node that touches the changed text may have changed with it (`foo` + `x` typed after it):
   * the changed range widened by a character on each side, in old and in new positions.
   */
  oldTouched: Span;
  newTouched: Span;
}

function editOf(dirty: Dirty): Edit {
  const delta = dirty.newEnd - dirty.oldEnd;
  return {
    dirty,
    delta,
    shift: (offset) =>
      offset >= dirty.oldEnd ? offset + delta : offset <= dirty.start ? offset : Math.min(offset, dirty.newEnd),
    newEdited: { start: dirty.start, end: dirty.newEnd },
    oldTouched: { start: dirty.start - 1, end: dirty.oldEnd + 1 },
    newTouched: { start: dirty.start - 1, end: dirty.newEnd + 1 },
  };
}

/** A new position in old terms (one inside the changed text maps to its edge). */
function toOld(edit: Edit, offset: number, edge: 'start' | 'end'): number {
  const { dirty, delta } = edit;
  if (offset < dirty.start) return offset;
  if (offset >= dirty.newEnd) return offset - delta;
  return edge === 'start' ? dirty.start : dirty.oldEnd;
}

function moveImport(edit: Edit, entry: OuterImport): OuterImport {
  return entry.end < edit.dirty.start
    ? entry
    : { ...entry, start: edit.shift(entry.start), end: edit.shift(entry.end) };
}

/** A span at least one character long (an empty record still meets what touches it). */
function nonEmpty(ref: { start: number; end: number }): Span {
  return { start: ref.start, end: Math.max(ref.end, ref.start + 1) };
}

/** What the new tree says about the part of the file an edit changed. */
interface Reread {
  /** The previous carried model with the changed part replaced and the rest moved. */
  carried: CarriedModel;
  holes: HoleInfo[];
  outerImports: OuterImport[];
  /** Dirty beyond the touched text: the region read again and the statements around the edit. */
  dirtyRanges: Span[];
  /** Function bodies to visit again, by index into `carried.holes`. */
  dirtyHoles: Set<number>;
  /** Names bound outside every function whose lookups are made again. */
  changedNames: Set<string>;
  /** For an edit inside one function body: that body's index. */
  editedHole?: number;
  /** The text read again, in old positions: the edited function body, or the region. */
  oldRead: Span;
  /** No import statement was in the region, before or after the edit: what the file imports is as it was. */
  importsKept?: boolean;
}

/**
 * Works out what an edit makes dirty and what the previous analysis still answers; returns why
 * not when the whole file must be analysed instead. In steps: whether the edit can be analysed
 * incrementally at all; what the new tree says about the changed part (the body of one function,
 * or a region read again around the edit); the visits that depended on what changed; the
 * findings and records of the others, carried over; the nodes to visit again; the imports.
 */
export function planIncrementalAnalysis(input: PlanInput): IncrementalPlan | string {
  const refusal = whyNotIncremental(input);
  if (refusal) return refusal;
  const edit = editOf(input.dirty);
  const reread = rereadHole(input, edit) ?? rereadRegion(input, edit);
  if (typeof reread === 'string') return reread;
  const after = importsAfter(input, edit, reread);
  if (typeof after === 'string') return after;
  if (after.modulesChanged) {
    reread.changedNames.add(IMPORTED_MODULES);
    importChangeUses(
      new Set(input.previous.carried.importedModules),
      new Set(after.carried.importedModules),
      reread.changedNames,
    );
  }
  if (after.taintImportsChanged) reread.changedNames.add(TAINT_IMPORTS);
  const answers = keepAnswers(input.previous, edit, reread);
  const dependents = new Map<string, number>();
  const { dirty: byUse, pending } = dependentVisits(input.previous, edit, reread, dependents, answers);
  const byText = [...dependentTextReads(input.previous, edit), ...visitsPointingIntoChange(input.previous, edit)];
  const dirtyRanges = [edit.newTouched, ...reread.dirtyRanges, ...rereadBodies(reread)];
  if (coveredLength(dirtyRanges) > input.text.length * MAX_DIRTY_SHARE) return 'the edit reaches most of the file';
  const selection = new VisitSelection(dirtyRanges, [...byUse, ...byText]);
  const dirtyCharacters = coveredLength([...dirtyRanges, ...selection.origins]);
  // The changed text is tested in old positions (see `keepCleanVisits`).
  const kept = keepCleanVisits(input.previous, edit, new VisitSelection(dirtyRanges.slice(1), selection.origins));
  if (typeof kept === 'string') return kept;
  const byType = nodesToVisit(input, selection);
  // A visit made again anyway asks again what it asks.
  const pendingVisits = pending.filter((visit) => !selection.selects(visit.origin));
  const answerIds = new Map<string, number>();
  for (const [id, dropped] of answers.dropped)
    if (dropped.question) answerIds.set(carriedAnswerKey(dropped.question), id);
  let visitedNodes = 0;
  for (const nodes of byType.values()) visitedNodes += nodes.length;
  return {
    summary: {
      edit: reread.editedHole === undefined ? 'region' : 'function body',
      dirtyCharacters,
      visitedNodes,
      dirtyBodies: reread.dirtyHoles.size,
      dependents: [...dependents]
        .map(([use, n]): [string, number] => [describeUse(use), n])
        .sort((a, b) => b[1] - a[1]),
      textDependents: byText.length,
      answerDependents: pendingVisits.length,
      answerDependentsMadeAgain: 0,
      importsChanged: after.modulesChanged,
      taintImportsChanged: after.taintImportsChanged,
    },
    carried: after.carried,
    answers: answers.kept,
    answerIds,
    droppedAnswers: answers.dropped,
    pending: pendingVisits,
    nodesToVisit: (more) => nodesToVisit(input, more),
    loadedHoles: reread.dirtyHoles,
    loadHole: (record) =>
      groupByType(
        capturesIn(input.modelQuery, input.tree.rootNode, record.bodyStart, record.bodyEnd).filter(
          (node) => node.startIndex >= record.bodyStart && node.endIndex <= record.bodyEnd,
        ),
      ),
    byType,
    selection,
    keptFindings: kept.findings,
    keptTextReads: kept.textReads,
    keptTextTests: input.previous.textTests,
    keptNameUses: kept.nameUses,
    nextState: (pass) => {
      const tests = new Map<string, TextTest>();
      for (const test of [...input.previous.textTests, ...pass.textTests])
        tests.set(`${test.pattern.flags}/${test.pattern.source}`, test);
      return {
        text: input.text,
        settingsKey: input.previous.settingsKey,
        triggers: input.triggers,
        ruleIds: input.previous.ruleIds,
        carried: after.carried,
        holes: after.holes,
        outerImports: after.outerImports,
        findings: pass.findings,
        textReads: pass.textReads,
        textTests: [...tests.values()],
        nameUses: pass.nameUses,
        hadRuleErrors: false,
        syntaxErrors: input.tree.rootNode.hasError,
        statements: input.tree.rootNode.hasError
          ? noStatements()
          : movedStatements(input.previous.statements, input.tree.rootNode, edit),
        moduleReads: input.previous.moduleReads,
        ...(input.previous.methodCallClasses ? { methodCallClasses: input.previous.methodCallClasses } : {}),
      };
    },
  };
}

/**
 * The statements after an edit, from those before it (used up): when the edit is inside one statement of the module
 * that kept its place (and inside one statement of its body that kept its place, for a class), the others are moved
 * in place; else they are read again from the tree.
 */
function movedStatements(statements: Statements, root: Node, edit: Edit): Statements {
  const { dirty, delta } = edit;
  const holding = (spans: number[]) => {
    const k = spanPoint(spans, (i) => spans[i + 1] < dirty.start);
    return k < spans.length && spans[k] < dirty.start && spans[k + 1] >= dirty.oldEnd ? k : -1;
  };
  const { module, classes } = statements;
  const k = holding(module);
  const child = k >= 0 ? root.firstChildForIndex(dirty.start) : null;
  if (!child || child.startIndex !== module[k] || child.endIndex !== module[k + 1] + delta) return statementsOf(root);
  // In a class: the statement of its body that holds the edit kept its place too.
  const body = classBody(child);
  let c = spanPoint(classes, (i) => classes[i] < dirty.oldEnd);
  // A class that is one no more (its body's statements are still listed): read again.
  if (!body && c > 0 && classes[c - 2] >= module[k]) return statementsOf(root);
  if (body) {
    c = holding(classes);
    const inner = c >= 0 ? body.firstChildForIndex(dirty.start) : null;
    if (!inner || inner.startIndex !== classes[c] || inner.endIndex !== classes[c + 1] + delta)
      return statementsOf(root);
    classes[c + 1] += delta;
    c += 2;
  }
  for (let i = k + 1; i < module.length; i++) module[i] += delta;
  for (let i = c; i < classes.length; i++) classes[i] += delta;
  return statements;
}

/** What an editor analysis starts from after an edit (see the top): the previous state and what changed since it. */
export type EditStart =
  /**
   * Plan an incremental analysis from `previous`, outside `dirty` the same tree (shifted); `dirty` is tree-sitter's
   * range (`tree`), or the statements whose text changed (`statementsAround`) since the previous version (`text`) or
   * since the last version that parsed (`parsed`, which is then `previous`).
   */
  | { kind: 'plan'; previous: CarriedState; dirty: Dirty; from: 'tree' | 'text' | 'parsed' }
  /** The text has syntax errors that spread: keep the findings of `basis`, moved by `change`. */
  | { kind: 'keep'; basis: CarriedState; change: Dirty };

/**
 * Where an analysis of the new version starts from: tree-sitter's changed range `dirty` (since the previous version),
 * or the text. The text decides when tree-sitter's range reaches beyond the statements whose text changed: with
 * syntax errors in the new tree, the findings of the last version without them are kept (`keep`); without, the range
 * is narrowed to those statements when the other statements are where they were (`plan`). Returns why not when
 * neither holds and the whole file must be analysed.
 */
export function editStart(previous: CarriedState, root: Node, text: string, dirty: Dirty): EditStart | string {
  const basis = previous.parsed;
  // A text CPython rejects for the indentation of a statement the change touches counts as one with syntax errors
  // even when tree-sitter accepts it (see `misindentedAt`).
  const misindented = (change: Dirty) => misindentedAt(root, text, [change.start, change.newEnd]);
  let sinceBasis: Dirty | undefined;
  const changeSinceBasis = () => (sinceBasis ??= textChange(basis!.text, text));
  if (basis && (root.hasError || misindented(changeSinceBasis())))
    return previous.kept
      ? { kind: 'keep', basis, change: changeSinceBasis() }
      : { kind: 'plan', previous, dirty, from: 'tree' };
  if (basis) {
    const narrowed = narrowToStatements(basis.statements, statementsOf(root), changeSinceBasis());
    if (narrowed) return { kind: 'plan', previous: basis, dirty: narrowed, from: 'parsed' };
    return previous.kept
      ? 'the text parses again, but the statements outside the edit are not those of the last version that parsed'
      : { kind: 'plan', previous, dirty, from: 'tree' };
  }
  if (previous.syntaxErrors) return { kind: 'plan', previous, dirty, from: 'tree' };
  const change = textChange(previous.text, text, dirty);
  // A tree of a text misindented where the change is may be restructured anywhere after it, whatever range
  // tree-sitter reports (a class it ends early), with or without syntax errors: kept like one whose errors spread.
  if (misindented(change)) return { kind: 'keep', basis: previous, change };
  const statements = statementsAround(previous.statements, change);
  // tree-sitter changed no more than the statements the text changed: its range is the narrower.
  if (dirty.start >= statements.start && dirty.oldEnd <= statements.end)
    return { kind: 'plan', previous, dirty, from: 'tree' };
  if (root.hasError) return { kind: 'keep', basis: previous, change };
  const narrowed = narrowToStatements(previous.statements, statementsOf(root), change);
  return narrowed
    ? { kind: 'plan', previous, dirty: narrowed, from: 'text' }
    : { kind: 'plan', previous, dirty, from: 'tree' };
}

/**
 * The range where two texts differ: the longest common prefix, then the longest common suffix of what is left, left
 * out. With `within`, a range outside of which the texts are known to be equal, the same range costs a search of
 * about `within` only.
 */
export function textChange(before: string, after: string, within?: Dirty): Dirty {
  let start = within?.start ?? 0;
  while (start < before.length && start < after.length && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let oldEnd = within?.oldEnd ?? before.length;
  let newEnd = within?.newEnd ?? after.length;
  // The texts are equal after `within`: the suffix reaches back to it, unless the prefix stops it first.
  const past = Math.max(start - oldEnd, start - newEnd, 0);
  oldEnd += past;
  newEnd += past;
  while (oldEnd > start && newEnd > start && before.charCodeAt(oldEnd - 1) === after.charCodeAt(newEnd - 1)) {
    oldEnd--;
    newEnd--;
  }
  return { start, oldEnd, newEnd };
}

/** The smallest run of statements (`[start, end, ...]`) holding every one that touches `change`, and it. */
function statementsHolding(spans: readonly number[], change: Dirty): Span {
  const region = { start: change.start, end: change.oldEnd };
  for (let i = 0; i < spans.length; i += 2) {
    if (spans[i + 1] < region.start) continue;
    if (spans[i] > region.end) break;
    region.start = Math.min(region.start, spans[i]);
    region.end = Math.max(region.end, spans[i + 1]);
  }
  return region;
}

/** The first and the last statement (indexes into `spans`) that touch `change`; last < first when none does. */
function touching(spans: readonly number[], change: Span): [number, number] {
  const first = spanPoint(spans, (i) => spans[i + 1] < change.start);
  const after = spanPoint(spans, (i) => spans[i] <= change.end);
  return [first, after - 2];
}

/**
 * The statements a change is widened to: those of the module that it touches, or, when it is inside the body of
 * one class of the module (between its first and its last statement), those of the body that it touches.
 */
function statementsAround(statements: Statements, change: Dirty): Span {
  const outer = statementsHolding(statements.module, change);
  const [first, last] = touching(statements.module, { start: change.start, end: change.oldEnd });
  if (first !== last) return outer;
  const inClass = (i: number) =>
    statements.classes[i] >= statements.module[first] && statements.classes[i + 1] <= statements.module[first + 1];
  const { classes } = statements;
  const before = spanPoint(classes, (i) => classes[i] <= change.start) - 2;
  const after = spanPoint(classes, (i) => classes[i + 1] < change.oldEnd);
  if (before < 0 || after >= classes.length || !inClass(before) || !inClass(after)) return outer;
  return statementsHolding(classes, change);
}

/**
 * `change` widened to whole statements of `spans`, in both lists, when the statements outside it are the same (before
 * it, at the same places; after it, moved by the change); undefined when they are not.
 */
function widenToStatements(before: readonly number[], after: readonly number[], change: Dirty): Dirty | undefined {
  const delta = change.newEnd - change.oldEnd;
  let start = change.start;
  let end = change.oldEnd;
  for (let grown = true; grown;) {
    const old = statementsHolding(before, { start, oldEnd: end, newEnd: end + delta });
    const moved = statementsHolding(after, { start: old.start, oldEnd: old.end + delta, newEnd: old.end + delta });
    grown = moved.start < start || moved.end - delta > end || old.start < start || old.end > end;
    start = Math.min(old.start, moved.start);
    end = Math.max(old.end, moved.end - delta);
  }
  // Outside [start, end) (old) and [start, end + delta) (new) the statements are the same, moved.
  const beforeCount = touching(before, { start, end })[0];
  if (beforeCount !== touching(after, { start, end: end + delta })[0]) return undefined;
  for (let i = 0; i < beforeCount; i++) if (before[i] !== after[i]) return undefined;
  const oldAfter = touching(before, { start, end })[1] + 2;
  const newAfter = touching(after, { start, end: end + delta })[1] + 2;
  if (before.length - oldAfter !== after.length - newAfter) return undefined;
  for (let i = 0; i < before.length - oldAfter; i++)
    if (before[oldAfter + i] + delta !== after[newAfter + i]) return undefined;
  return { start, oldEnd: end, newEnd: end + delta };
}

/**
 * The change widened to whole statements, in both trees, when the statements outside it are the same (see
 * `widenToStatements`); undefined when they are not. First the module's; then, when that is one class in both trees,
 * the statements of its body, the same way. Both trees are without syntax errors: a statement of the module starts
 * with the lexer in the state a file starts in, and one of a class's body as every statement of that body does (no
 * bracket or string open, the same indentation), so a statement of the same text, at the same place among the same
 * statements, is parsed the same.
 */
function narrowToStatements(before: Statements, after: Statements, change: Dirty): Dirty | undefined {
  if (!before.module.length || !after.module.length) return undefined;
  const outer = widenToStatements(before.module, after.module, change);
  if (!outer) return undefined;
  const [first, last] = touching(before.module, { start: outer.start, end: outer.oldEnd });
  const [newFirst, newLast] = touching(after.module, { start: outer.start, end: outer.newEnd });
  // One class in both, of the same extent as the change's statements, with statements in its body.
  if (first !== last || newFirst !== newLast) return outer;
  const within = (spans: readonly number[], from: number, to: number) =>
    spans.slice(
      spanPoint(spans, (i) => spans[i] < from),
      spanPoint(spans, (i) => spans[i + 1] <= to),
    );
  const oldBody = within(before.classes, outer.start, outer.oldEnd);
  const newBody = within(after.classes, outer.start, outer.newEnd);
  if (!oldBody.length || !newBody.length) return outer;
  // The change is inside the body: a statement of it starts before the change, one ends after it, in both trees.
  const inside = (body: readonly number[], end: number) => body[0] <= change.start && body[body.length - 1] >= end;
  if (!inside(oldBody, change.oldEnd) || !inside(newBody, change.newEnd)) return outer;
  return widenToStatements(oldBody, newBody, change) ?? outer;
}

/**
 * The findings of a text with syntax errors that spread (see `editStart`): those of `basis`, the last analysis of a
 * text without syntax errors, moved by the change since, less those with a position in the changed text or next to it
 * (they cannot be moved). Why not, when the whole file must be analysed instead: as for an incremental analysis
 * (settings, rules, the first line, suppression comments, whole-file patterns), the change being the text's.
 */
export function keepFindings(input: {
  text: string;
  settings: AnalysisSettings;
  basis: CarriedState;
  change: Dirty;
  active: readonly ActiveRule[];
}): { findings: Finding[]; state: CarriedState } | string {
  const { basis, change } = input;
  const refusal = whyNotIncremental({ ...input, previous: basis, dirty: change });
  if (refusal) return refusal;
  const edit = editOf(change);
  const findings: Finding[] = [];
  for (const { finding } of basis.findings) {
    const moved = shiftFinding(finding, edit.shift, edit.oldTouched);
    if (moved) findings.push(moved);
  }
  return {
    findings,
    state: {
      ...basis,
      text: input.text,
      findings: [],
      textReads: [],
      textTests: [],
      nameUses: [],
      syntaxErrors: true,
      statements: noStatements(),
      parsed: basis,
      kept: true,
    },
  };
}

/** Why the whole file must be analysed whatever the edit did, or undefined when an incremental analysis may be tried. */
function whyNotIncremental(
  input: Pick<PlanInput, 'text' | 'previous' | 'dirty' | 'active' | 'settings'>,
): string | undefined {
  const { text, previous, dirty, active } = input;
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
  // The range tree-sitter reports may start there when its error recovery restructures the file: the text decides.
  const firstBreak = previous.text.search(/[\r\n]/);
  if (
    firstBreak < 0 ||
    (dirty.start <= firstBreak + 1 && previous.text.slice(0, firstBreak + 2) !== text.slice(0, firstBreak + 2))
  )
    return 'the edit is on the first line';
  for (const test of previous.textTests) {
    if (testWholeAfterEdit(test.pattern, test.value, previous.text, text, dirty) !== test.value)
      return 'a pattern a rule tests on the whole file changed';
  }
  // A suppression comment on the changed lines (before or after) silences findings beyond the edit.
  if (
    hasSuppressionMarker(linesAround(previous.text, dirty.start, dirty.oldEnd)) ||
    hasSuppressionMarker(linesAround(text, dirty.start, dirty.newEnd))
  )
    return 'the edit is on a line with a suppression comment';
  return undefined;
}

/**
 * An edit inside the body of one function that leaves the body's extent as it was: the rest of
 * the file is unchanged, only shifted. Undefined for any other edit.
 */
function rereadHole(input: PlanInput, edit: Edit): Reread | undefined {
  const { previous, dirty } = input;
  const oldHoles = previous.carried.holes;
  const h = holeBefore(oldHoles, dirty.start);
  if (h < 0 || dirty.oldEnd > oldHoles[h].bodyEnd) return undefined;
  const intact = holeIsIntact(input.tree.rootNode, {
    ...oldHoles[h],
    bodyEnd: oldHoles[h].bodyEnd + edit.delta,
    definition: { ...oldHoles[h].definition, end: oldHoles[h].definition.end + edit.delta },
  });
  if (!intact) return undefined;
  const changedNames = new Set<string>();
  const comment = changedComment(input, textChange(previous.text, input.text, dirty));
  if (comment) {
    // Only a comment changed: what the function does is as it was, so what was read through its name or of its code
    // stands. The searches of the text (for calls, for `global` words) see the comment's words.
    occurrenceUses(previous.text.slice(comment.start, comment.end - edit.delta), changedNames);
    occurrenceUses(input.text.slice(comment.start, comment.end), changedNames);
    if (previous.methodCallClasses?.size) methodCallUses(changedNames, 'any');
  } else {
    if (previous.holes[h].name) changedNames.add(previous.holes[h].name);
    if (oldHoles[h].method) changedNames.add(oldHoles[h].method);
    const oldBody = previous.text.slice(oldHoles[h].bodyStart, oldHoles[h].bodyEnd);
    const newBody = input.text.slice(oldHoles[h].bodyStart, oldHoles[h].bodyEnd + edit.delta);
    occurrenceUses(oldBody, changedNames);
    occurrenceUses(newBody, changedNames);
    if (previous.methodCallClasses?.size) bodyMethodCallUses(previous, oldHoles[h], [oldBody, newBody], changedNames);
  }
  // In old positions: the hole's end moves with the edit.
  const oldRead = { start: oldHoles[h].bodyStart, end: oldHoles[h].bodyEnd };
  moveCarried(previous.carried, edit, h);
  // The body starts where it did (`holeIsIntact`), text typed at its start included: an insertion there moves what
  // follows it, not the body's start.
  oldHoles[h].bodyStart = oldRead.start;
  return {
    carried: previous.carried,
    holes: previous.holes,
    outerImports: previous.outerImports,
    dirtyRanges: [],
    dirtyHoles: new Set([h]),
    changedNames,
    editedHole: h,
    oldRead,
  };
}

/**
 * The comment (its span in the new text) when `change` (where the texts differ) is inside one: no line break in the
 * old or the new text of the change, and in the new tree a comment that starts before it (its `#` is kept, after the
 * same text as before, so it started a comment in the old text too, up to the end of the same line) and holds it.
 */
function changedComment(input: PlanInput, change: Dirty): Span | undefined {
  const lineBreak = /[\r\n]/;
  if (
    lineBreak.test(input.previous.text.slice(change.start, change.oldEnd)) ||
    lineBreak.test(input.text.slice(change.start, change.newEnd))
  )
    return undefined;
  const node = input.tree.rootNode.descendantForIndex(change.start, Math.max(change.start, change.newEnd - 1));
  if (node?.type !== 'comment' || node.startIndex >= change.start || node.endIndex < change.newEnd) return undefined;
  return { start: node.startIndex, end: node.endIndex };
}

/**
 * An edit elsewhere: a region around it is read again from the new tree (its function bodies, its
 * bindings outside them and what they import) and replaces the same region of the old one. First
 * with a class whose body holds the region kept as it was (what uses of its name see is its
 * header); when the new tree does not have it as it was, again with it taken into the region.
 */
function rereadRegion(input: PlanInput, edit: Edit): Reread | string {
  return (
    rereadRegionKeeping(input, edit, true) ??
    rereadRegionKeeping(input, edit, false) ??
    'the statements around the edit changed'
  );
}

/** A class statement that holds `span` in its body, stays when a region is read again. */
type Around = (record: BindingRecord, span: Span) => boolean;

/**
 * See `rereadRegion`; undefined when a statement kept around the region is not in the new tree as it was. Everything
 * that can fail is checked before the previous model's records outside the region are moved in place.
 */
function rereadRegionKeeping(input: PlanInput, edit: Edit, keepAround: boolean): Reread | string | undefined {
  const root = input.tree.rootNode;
  const around: Around = (record, span) =>
    keepAround &&
    record.kind === 'class' &&
    record.bodyStart !== undefined &&
    record.node.start < span.start &&
    record.node.end > span.end &&
    span.start >= record.bodyStart;
  const region = growRegion(input, edit, around);
  if (typeof region === 'string') return region;
  const { oldRegion, newRegion, nodes, regionModel } = region;
  const regionRecords = regionModel.outerRecords();
  const scopes = spliceScopes(input.previous.carried, edit, region, regionRecords.outerScopes);
  if (!scopes) return undefined;
  const inRegion = holesInRegion(input, edit, region);
  if (typeof inRegion === 'string') return inRegion;
  const { newHoles, firstInside } = inRegion;
  // The methods defined in the region, before and after the edit: what a lookup through their class finds changes.
  const methods: string[] = [];
  for (const hole of [...input.previous.carried.holes.slice(firstInside, inRegion.afterRegion), ...newHoles])
    if (hole.method) methods.push(hole.method);
  // Imports: outside functions an edited one changes what the file imports; inside, compare.
  const importNodes = nodes.filter((node) => node.type === 'import_statement' || node.type === 'import_from_statement');
  const outsideHoles = (node: Node) =>
    !newHoles.some((hole) => node.startIndex >= hole.bodyStart && node.endIndex <= hole.bodyEnd);
  let removedImports = 0;
  const outerImports: OuterImport[] = [];
  for (const entry of input.previous.outerImports) {
    if (meets(entry.start, entry.end, oldRegion)) removedImports++;
    else outerImports.push(moveImport(edit, entry));
  }
  for (const node of importNodes)
    if (outsideHoles(node) && meets(node.startIndex, node.endIndex, newRegion)) outerImports.push(outerImportOf(node));
  outerImports.sort((a, b) => a.start - b.start);
  // The classes that meet the region, before and after the edit: what their bodies assign changes.
  const classBodies: string[] = [];
  for (const records of input.previous.carried.outerBindings.values())
    for (const record of records)
      if (record.kind === 'class' && meets(record.node.start, record.node.end, oldRegion))
        classBodies.push(classBodyUse(record.name));
  const bindings = spliceBindings(input.previous, edit, regionModel, regionRecords, region, around, scopes);
  if (!bindings) return undefined;
  for (const record of bindings.added) if (record.kind === 'class') classBodies.push(classBodyUse(record.name));
  const { holes, dirtyHoles } = spliceHoles(input, edit, inRegion);
  const carried: CarriedModel = {
    ...input.previous.carried,
    holes,
    outerScopes: scopes.outerScopes,
    outerBindings: bindings.outerBindings,
  };
  // The region's functions are named by the region's bindings (every other binding is outside the region).
  const names = new Map<number, string>();
  for (const record of bindings.added) if (record.kind === 'function') names.set(record.node.start, record.name);
  const newInfo = newHoles.map((hole): HoleInfo => ({
    name: names.get(hole.definition.start) ?? '',
    imports: importsInside(importNodes, hole),
  }));
  for (let h = firstInside; h < firstInside + newHoles.length; h++) dirtyHoles.add(h);
  const dirtyRanges = [newRegion, ...statementsAroundEdit(root, edit.newEdited, holes, dirtyHoles)];
  const changedNames = bindings.changedNames;
  for (const method of methods) changedNames.add(method);
  for (const body of classBodies) changedNames.add(body);
  const texts = [input.previous.text.slice(oldRegion.start, oldRegion.end)];
  occurrenceUses(texts[0], changedNames);
  for (const range of dirtyRanges) {
    texts.push(input.text.slice(range.start, range.end));
    occurrenceUses(texts[texts.length - 1], changedNames);
  }
  for (const h of dirtyHoles) {
    texts.push(input.text.slice(holes[h].bodyStart, holes[h].bodyEnd));
    occurrenceUses(texts[texts.length - 1], changedNames);
    // The header too: whether the function may name a class is read from its whole text.
    texts.push(input.text.slice(holes[h].headerStart, holes[h].bodyStart));
  }
  if (input.previous.methodCallClasses?.size)
    regionMethodCallUses(input.previous, texts, methods, [carried.outerBindings], changedNames);
  return {
    carried,
    holes: [
      ...input.previous.holes.slice(0, firstInside),
      ...newInfo,
      ...input.previous.holes.slice(inRegion.afterRegion),
    ],
    outerImports,
    dirtyRanges,
    dirtyHoles,
    changedNames,
    oldRead: oldRegion,
    importsKept:
      !importNodes.length &&
      !removedImports &&
      input.previous.holes.slice(firstInside, inRegion.afterRegion).every((info) => !info.imports.length),
  };
}

/** `intersects` for [start, end), without making a span (it is asked of every record of the file). */
function intersectsAt(start: number, end: number, span: Span): boolean {
  if (start === end) return start > span.start && start < span.end;
  if (span.start === span.end) return span.start > start && span.start < end;
  return start < span.end && end > span.start;
}

/** Whether [start, end), made at least one character long (see `nonEmpty`), intersects `span`. */
function meets(start: number, end: number, span: Span): boolean {
  return intersectsAt(start, Math.max(end, start + 1), span);
}

/** The region an edit reads again, in old and new positions, with the new tree's nodes in it and their model. */
interface Region {
  oldRegion: Span;
  newRegion: Span;
  nodes: Node[];
  regionModel: SemanticModel;
}

/**
 * The region starts from the characters around the change (what touches it may have changed with
 * it) and grows until every function body and binding it meets, old or new, is wholly inside it,
 * except the statements that contain it (`around`), which stay.
 */
function growRegion(input: PlanInput, edit: Edit, around: Around): Region | string {
  const { previous } = input;
  const root = input.tree.rootNode;
  const region: Span = {
    start: Math.max(0, edit.oldTouched.start),
    end: Math.min(previous.text.length, edit.oldTouched.end),
  };
  for (let round = 0; round < 6; round++) {
    const newRegion: Span = { start: region.start, end: region.end + edit.delta };
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
    for (const hole of previous.carried.holes)
      if (meets(hole.bodyStart, hole.bodyEnd, region)) grow({ start: hole.bodyStart, end: hole.bodyEnd });
    previous.carried.outerBindings.forEach((records) => {
      for (const record of records) {
        if (meets(record.node.start, record.node.end, region) && !around(record, region)) grow(nonEmpty(record.node));
      }
    });
    // A lambda outside every function body is a scope of its own: read whole, with the names it binds.
    for (const scope of previous.carried.outerScopes)
      if (meets(scope.scope.start, scope.scope.end, region)) grow(nonEmpty(scope.scope));
    const nodes = capturesIn(input.modelQuery, root, newRegion.start, Math.max(newRegion.end, newRegion.start + 1));
    for (const node of nodes) {
      if (node.type === 'lambda' && intersects(nonEmpty({ start: node.startIndex, end: node.endIndex }), newRegion))
        grow({ start: toOld(edit, node.startIndex, 'start'), end: toOld(edit, node.endIndex, 'end') });
    }
    const regionModel = new SemanticModel(root, input.text, groupByType(nodes));
    for (const hole of regionModel.holeRecords()) {
      if (intersects(nonEmpty({ start: hole.bodyStart, end: hole.bodyEnd }), newRegion))
        grow({ start: toOld(edit, hole.bodyStart, 'start'), end: toOld(edit, hole.bodyEnd, 'end') });
    }
    for (const record of regionModel.moduleBindingRecords()) {
      const span = nonEmpty(record.node);
      if (intersects(span, newRegion) && !around(record, newRegion))
        grow({ start: toOld(edit, span.start, 'start'), end: toOld(edit, span.end, 'end') });
    }
    if (!grown) return { oldRegion: { ...region }, newRegion, nodes, regionModel };
  }
  return 'the edit reaches too far';
}

/** Where a region's function bodies are among the old ones, and the new tree's. */
interface HolesInRegion {
  /** The first old hole in the region (or after it, when none is). */
  firstInside: number;
  /** The first old hole after the region. */
  afterRegion: number;
  newHoles: HoleRecord[];
}

/**
 * The function bodies in the region, old and new; why not when the edit changed a function's extent (a new body
 * reaches out of the region, or a function on either side is not in the new tree as it was).
 */
function holesInRegion(
  input: PlanInput,
  edit: Edit,
  { oldRegion, newRegion, regionModel }: Region,
): HolesInRegion | string {
  const root = input.tree.rootNode;
  const oldHoles = input.previous.carried.holes;
  const firstInside = holeBefore(oldHoles, oldRegion.start - 1) + 1;
  let afterRegion = firstInside;
  while (afterRegion < oldHoles.length && oldHoles[afterRegion].bodyStart < oldRegion.end) afterRegion++;
  const newHoles = regionModel.holeRecords().filter((hole) => meets(hole.bodyStart, hole.bodyEnd, newRegion));
  if (newHoles.some((hole) => hole.bodyStart < newRegion.start || hole.bodyEnd > newRegion.end))
    return "the edit changed a function's extent";
  for (const h of [firstInside - 1, afterRegion]) {
    if (h >= 0 && h < oldHoles.length && !holeIsIntact(root, movedHole(oldHoles[h], edit)))
      return "the edit changed a function's extent";
  }
  return { firstInside, afterRegion, newHoles };
}

/**
 * The function bodies after the edit: those before the region stay, those after it move (in place), those inside it
 * are the region's own. Dirty: the bodies whose header (decorators, `def` line) the edit touches, before or after it,
 * or whose decorators came or went (they shape the body's findings).
 */
function spliceHoles(
  input: PlanInput,
  edit: Edit,
  { firstInside, afterRegion, newHoles }: HolesInRegion,
): { holes: HoleRecord[]; dirtyHoles: Set<number> } {
  const root = input.tree.rootNode;
  const oldHoles = input.previous.carried.holes;
  const dirtyHoles = new Set<number>();
  const headerTouched = (hole: HoleRecord, touched: Span) => intersectsAt(hole.headerStart, hole.bodyStart, touched);
  for (let h = 0; h < oldHoles.length; h++) {
    if (!headerTouched(oldHoles[h], edit.oldTouched)) continue;
    const moved = h < firstInside ? h : h >= afterRegion ? h - afterRegion + firstInside + newHoles.length : -1;
    if (moved >= 0) dirtyHoles.add(moved);
  }
  for (let h = afterRegion; h < oldHoles.length; h++) moveHole(oldHoles[h], edit);
  const holes = [...oldHoles.slice(0, firstInside), ...newHoles, ...oldHoles.slice(afterRegion)];
  const after = firstInside + newHoles.length;
  if (after < holes.length) {
    const definition = nodeAt(root, holes[after].definition);
    const headerStart =
      definition?.parent?.type === 'decorated_definition'
        ? definition.parent.startIndex
        : holes[after].definition.start;
    if (headerStart !== holes[after].headerStart) {
      holes[after].headerStart = headerStart;
      dirtyHoles.add(after);
    }
  }
  for (let h = 0; h < holes.length; h++) if (headerTouched(holes[h], edit.newTouched)) dirtyHoles.add(h);
  return { holes, dirtyHoles };
}

/** The scope (index among the lambdas outside every function body, -1 the module) of a key of `outerBindings`. */
function scopeOfBindingKey(key: string): number {
  return Number(key.slice(0, key.indexOf(':')));
}

/** The same name's key in the scope at `scope`. */
function rescopedBindingKey(key: string, scope: number): string {
  return `${scope}${key.slice(key.indexOf(':'))}`;
}

/** The lambdas outside every function body after an edit, and where each kept or new one went in the list. */
interface SplicedScopes {
  outerScopes: ScopeRecord[];
  /** Index after the edit of each kept lambda, by its index before (the module, -1, stays). */
  kept: Map<number, number>;
  /** Index after the edit of each of the region's lambdas, by its index among the region's. */
  region: Map<number, number>;
}

/**
 * The lambdas outside every function body: those outside the region stay, moved; the region's own replace those in
 * it; the list is sorted again and each one's enclosing lambda found again. Undefined when a lambda reaches out of
 * the region (the region grows over every lambda it meets, so it should not).
 */
function spliceScopes(
  previous: CarriedModel,
  edit: Edit,
  { oldRegion, newRegion }: Region,
  regionScopes: readonly ScopeRecord[],
): SplicedScopes | undefined {
  const inside = (span: Span, region: Span) => span.start >= region.start && span.end <= region.end;
  const entries: { record: ScopeRecord; from: 'kept' | 'region'; index: number }[] = [];
  for (const [i, scope] of previous.outerScopes.entries()) {
    const span = nonEmpty(scope.scope);
    if (!intersects(span, oldRegion)) {
      // A copy, moved: the list is made again (the region's lambdas go in it) and nothing may change before it is.
      const moved = { ...scope, scope: { ...scope.scope } };
      moveScope(moved, edit);
      entries.push({ record: moved, from: 'kept', index: i });
    } else if (!inside(span, oldRegion)) return undefined;
  }
  for (const [i, scope] of regionScopes.entries()) {
    if (!inside(scope.scope, newRegion)) return undefined;
    entries.push({ record: scope, from: 'region', index: i });
  }
  // As the model orders them: by where the body starts, the outer one first.
  entries.sort((a, b) => a.record.bodyStart - b.record.bodyStart || b.record.bodyEnd - a.record.bodyEnd);
  const result: SplicedScopes = { outerScopes: [], kept: new Map([[-1, -1]]), region: new Map() };
  const open: number[] = [];
  for (const [at, { record, from, index }] of entries.entries()) {
    while (open.length && result.outerScopes[open[open.length - 1]].bodyEnd < record.bodyEnd) open.pop();
    result.outerScopes.push({ ...record, parent: open.length ? open[open.length - 1] : -1 });
    open.push(at);
    result[from].set(index, at);
  }
  return result;
}

/**
 * Bindings: those in the region are replaced by the region's own; the statements around it (a
 * class holding it) stay, moved. Every name the region binds, before or after, counts as changed
 * (its statements may have moved into or out of a function, a branch, ...); a class around the
 * region only when the change touches its header (what uses of its name see). Undefined when a
 * statement kept around the region is not in the new tree as it was. Once nothing can fail, the
 * previous model's map is changed in place: the records that stay are moved, those in the region
 * dropped, the region's own (`added`) put in, and the lambdas' lists keyed by their new places.
 */
function spliceBindings(
  previous: CarriedState,
  edit: Edit,
  regionModel: SemanticModel,
  regionRecords: Pick<CarriedModel, 'outerBindings'>,
  { oldRegion, newRegion }: Region,
  around: Around,
  scopes: SplicedScopes,
): { outerBindings: Map<string, BindingRecord[]>; changedNames: Set<string>; added: BindingRecord[] } | undefined {
  const classHeader = (record: BindingRecord): Span => ({
    start: record.node.start,
    end: record.bodyStart ?? record.node.end,
  });
  const changes = (record: BindingRecord, touched: Span) =>
    intersects(record.kind === 'class' ? classHeader(record) : nonEmpty(record.node), touched);
  const aroundKey = (record: BindingRecord, start: number, end: number) =>
    `${record.kind}:${record.name}:${record.node.type}:${start}:${end}`;
  const outerBindings = previous.carried.outerBindings;
  const changedNames = new Set<string>();
  const aroundKeys = new Set<string>();
  /** The lists that lost records in the region: what stays of them (empty when nothing does). */
  const shortened = new Map<string, BindingRecord[]>();
  /** The lambdas' lists that stay, by key, with their key after the edit. */
  const rescoped: [string, string][] = [];
  let lambdaMoved = true;
  // forEach: an iterator over a map of every name of the file would make an entry per name and edit.
  outerBindings.forEach((records, key) => {
    let kept: BindingRecord[] | undefined;
    for (let i = 0; i < records.length; i++) {
      const record = records[i];
      const inRegion = meets(record.node.start, record.node.end, oldRegion);
      const stays = !inRegion || around(record, oldRegion);
      if (inRegion && stays)
        aroundKeys.add(aroundKey(record, edit.shift(record.node.start), edit.shift(record.node.end)));
      if (inRegion && (!stays || changes(record, edit.oldTouched))) changedNames.add(record.name);
      if (!stays) kept ??= records.slice(0, i);
      else kept?.push(record);
    }
    if (kept) shortened.set(key, kept);
    if (!(kept ?? records).length || key.startsWith('-1:')) return;
    // A lambda's bindings go with it (by its index among the lambdas after the edit).
    const scope = scopes.kept.get(scopeOfBindingKey(key));
    if (scope === undefined) lambdaMoved = false;
    else rescoped.push([key, rescopedBindingKey(key, scope)]);
  });
  if (!lambdaMoved) return undefined;
  const lambdaLists: [string, BindingRecord[]][] = [];
  for (const [key, records] of regionRecords.outerBindings) {
    const scope = scopeOfBindingKey(key);
    if (scope < 0) continue;
    const index = scopes.region.get(scope);
    if (index === undefined) return undefined;
    for (const record of records) changedNames.add(record.name);
    lambdaLists.push([rescopedBindingKey(key, index), records]);
  }
  const moduleRecords: BindingRecord[] = [];
  for (const record of regionModel.moduleBindingRecords()) {
    if (!meets(record.node.start, record.node.end, newRegion)) continue;
    if (!around(record, newRegion) || changes(record, edit.newTouched)) changedNames.add(record.name);
    if (around(record, newRegion)) {
      // A statement around the region is the one that was there, moved.
      if (!aroundKeys.delete(aroundKey(record, record.node.start, record.node.end))) return undefined;
      continue;
    }
    moduleRecords.push(record);
  }
  if (aroundKeys.size) return undefined;
  // Nothing fails from here on.
  for (const [key, kept] of shortened) {
    if (kept.length) outerBindings.set(key, kept);
    else outerBindings.delete(key);
  }
  outerBindings.forEach((records) => {
    for (const record of records) moveBinding(record, edit);
  });
  const lambdas = rescoped.map(([key, next]): [string, BindingRecord[]] => [next, outerBindings.get(key)!]);
  for (const [key] of rescoped) outerBindings.delete(key);
  const touched = new Set<BindingRecord[]>();
  for (const [key, records] of [...lambdas, ...lambdaLists]) {
    outerBindings.set(key, records);
    touched.add(records);
  }
  for (const record of moduleRecords) {
    const key = `-1:${record.name}`;
    const list = outerBindings.get(key);
    if (list) list.push(record);
    else outerBindings.set(key, [record]);
    touched.add(outerBindings.get(key)!);
  }
  // The lists that only lost records or moved are still in order.
  for (const list of touched) list.sort((a, b) => a.at - b.at);
  return {
    outerBindings,
    changedNames,
    added: [...moduleRecords, ...lambdaLists.flatMap(([, records]) => records)],
  };
}

/**
 * Rules read around the node they visit, up to its statement, and the names of the functions and
 * classes around it: the statements the edit starts and ends in are dirty, and when the edit is in
 * the header of a compound statement (a decorator, a `def` or `class` line, an `if` condition),
 * everything inside it (its function bodies are added to `dirtyHoles`).
 */
function statementsAroundEdit(root: Node, edited: Span, holes: readonly HoleRecord[], dirtyHoles: Set<number>): Span[] {
  const ranges: Span[] = [];
  const last = Math.max(edited.start, edited.end - 1);
  // A character typed or deleted starts and ends in the same place: one statement to find.
  for (const at of last === edited.start ? [last] : [edited.start, last]) {
    const statement = enclosingStatement(root, { start: at, end: at });
    if (!statement) continue;
    const range = { start: statement.startIndex, end: statement.endIndex };
    ranges.push(range);
    // The bodies inside it: from the first starting in it, as long as they start in it.
    for (let h = partitionPoint(holes, (hole) => hole.bodyStart < range.start); h < holes.length; h++) {
      if (holes[h].bodyStart > range.end) break;
      if (holes[h].bodyEnd <= range.end) dirtyHoles.add(h);
    }
  }
  return ranges;
}

/** The function bodies read again. */
function rereadBodies(reread: Reread): Span[] {
  const ranges: Span[] = [];
  for (const h of reread.dirtyHoles)
    ranges.push({ start: reread.carried.holes[h].bodyStart, end: reread.carried.holes[h].bodyEnd });
  return ranges;
}

/**
 * The nodes of the pending visits of `plan` (see `PendingVisit`) for which an answer they asked changed: `ask` gives
 * the answer to a question in the new version (undefined when there is none to keep), compared with the old one
 * moved. An answer whose question or value could not be moved has changed, and so has one kept under another id.
 */
export function changedDependents(
  plan: IncrementalPlan,
  ask: (question: NonNullable<DroppedAnswer['question']>) => CarriedAnswer | undefined,
): Span[] {
  const stands = new Map<number, boolean>();
  const standing = (id: number): boolean => {
    let known = stands.get(id);
    if (known === undefined) {
      const dropped = plan.droppedAnswers.get(id);
      const now = dropped?.question && dropped.value && ask(dropped.question);
      // The answer kept for the next version under the same id (what the visit records names it).
      known = !!now && now.id === id && sameTaint(dropped.value!, now.value);
      stands.set(id, known);
    }
    return known;
  };
  return plan.pending.filter((visit) => !visit.answers.every(standing)).map((visit) => visit.origin);
}

/** An earlier visit that asked answers the edit may have changed, and read nothing else it changed. */
export interface PendingVisit {
  /** Its node, in new positions. */
  origin: Span;
  /** The ids of the answers it asked that the edit may have changed (see `keepAnswers`). */
  answers: number[];
}

/**
 * The earlier visits that looked up a changed name: their nodes, in new positions (counted in `counts` by the first
 * changed name each read); and those that read no changed name but asked an answer that may have changed
 * (`droppedUses`), made again only if it did. A visit that asked an answer not kept for its places only now stands for
 * what computing it read (see `keepAnswers`).
 */
function dependentVisits(
  previous: CarriedState,
  edit: Edit,
  reread: Reread,
  counts: Map<string, number>,
  answers: AnswersAfterEdit,
): { dirty: Span[]; pending: PendingVisit[] } {
  const dirty: Span[] = [];
  const pending: PendingVisit[] = [];
  const changed = reread.changedNames;
  const { droppedUses, placeless } = answers;
  // An edit that changes no name (a blank line, a comment of no word) makes no visit dirty.
  if (!changed.size && !placeless.size) return { dirty, pending };
  const moved = (origin: Span): Span => ({ start: edit.shift(origin.start), end: edit.shift(origin.end) });
  // Visits share their sets of uses (`UsesPool`): what the edit does to each set is worked out once.
  const verdicts = new Map<ReadonlySet<string>, UsesVerdict>();
  const verdictOf = (names: ReadonlySet<string>): UsesVerdict => {
    let verdict = verdicts.get(names);
    if (verdict) return verdict;
    const name = changed.size ? firstShared(names, changed) : undefined;
    if (name !== undefined) verdict = { changed: name };
    else {
      // What asked an answer not kept for its places now stands for what computing it read.
      const flat = asksAny(names, placeless) ? flatUses(names, placeless) : undefined;
      const uses = flat ?? names;
      let asked: number[] | undefined;
      if (droppedUses.size && firstShared(uses, droppedUses) !== undefined) {
        asked = [];
        for (const dropped of droppedUses) if (uses.has(dropped)) asked.push(answerOfUse(dropped)!);
      }
      verdict = { flat, asked };
    }
    verdicts.set(names, verdict);
    return verdict;
  };
  for (const use of previous.nameUses) {
    // A visit of a node that holds the change (the module, a class around it) is made again anyway, and only it:
    // its range would make every node in it dirty.
    if (intersects(use.origin, edit.oldTouched)) continue;
    const verdict = verdictOf(use.names);
    if (verdict.changed !== undefined) {
      dirty.push(moved(use.origin));
      counts.set(verdict.changed, (counts.get(verdict.changed) ?? 0) + 1);
      continue;
    }
    if (verdict.flat) use.names = verdict.flat;
    if (verdict.asked) pending.push({ origin: moved(use.origin), answers: verdict.asked });
  }
  return { dirty, pending };
}

/**
 * What an edit does to the visits that recorded one set of uses: the first changed name they read, else the uses they
 * stand for from now on (when they asked answers not kept for their places) and the answers they asked that may have
 * changed.
 */
interface UsesVerdict {
  changed?: string;
  flat?: ReadonlySet<string>;
  asked?: number[];
}

/** An element of both sets, or undefined (the smaller set is walked: an edit's words can be many, a visit's uses too). */
function firstShared(a: ReadonlySet<string>, b: ReadonlySet<string>): string | undefined {
  const [walked, other] = a.size <= b.size ? [a, b] : [b, a];
  for (const name of walked) if (other.has(name)) return name;
  return undefined;
}

/** The earlier visits that read the changed text. */
function dependentTextReads(previous: CarriedState, edit: Edit): Span[] {
  const ranges: Span[] = [];
  for (const read of previous.textReads) {
    if (intersects(read, edit.oldTouched) && !intersects(read.origin, edit.oldTouched))
      ranges.push({ start: edit.shift(read.origin.start), end: edit.shift(read.origin.end) });
  }
  return ranges;
}

/**
 * The visits elsewhere whose findings point into the changed text (a fix that adds an import where the edit is, a
 * step of a flow): their positions cannot be moved, so they are made again.
 */
function visitsPointingIntoChange(previous: CarriedState, edit: Edit): Span[] {
  const touched = edit.oldTouched;
  const inside = (offset: number) => offset >= touched.start && offset <= touched.end;
  const ranges: Span[] = [];
  for (const { origin, finding } of previous.findings) {
    if (intersects(origin, touched)) continue;
    if (
      inside(finding.start) ||
      inside(finding.end) ||
      finding.fix?.edits.some((change) => inside(change.start) || inside(change.end)) ||
      finding.flow?.some((step) => !step.elsewhere && (inside(step.start) || inside(step.end)))
    )
      ranges.push({ start: edit.shift(origin.start), end: edit.shift(origin.end) });
  }
  return ranges;
}

/** An answer of the previous version that the edit may have changed (see `keepAnswers`). */
export interface DroppedAnswer {
  /** Its question in the new version's places; none when a place of it is inside the changed text. */
  question?: Pick<CarriedAnswer, 'kind' | 'rest' | 'anchor' | 'holder'>;
  /** Its value, moved; none when a place of it is inside the changed text. */
  value?: TaintValue;
}

/** The previous version's answers after the edit: those kept, moved, and those that may have changed, by id. */
interface AnswersAfterEdit {
  kept?: ReadonlyMap<string, CarriedAnswer>;
  dropped: ReadonlyMap<number, DroppedAnswer>;
  /** The uses that name the dropped answers (`answerUse`). */
  droppedUses: ReadonlySet<string>;
  /**
   * What asking an answer not kept for its places only (see `keepAnswers`) stands for, by the use that names it: what
   * computing it read, the same of the answers it asked.
   */
  placeless: ReadonlyMap<string, ReadonlySet<string>>;
}

/**
 * The previous version's answers about other functions (see `CarriedAnswer`) that the edit leaves as they were, moved.
 *
 * An answer is dropped when it read a name, word or call the edit changed (the same test as for the visits that read
 * them, `dependentVisits`), or when the edit changed what the taint analysis reads of the imports (which no answer
 * records). A dropped answer keeps its id, and its question and value moved where they can be: what asked it is made
 * again only when asking again gives another answer. An answer that asked dropped ones, and read nothing else the edit
 * changed, is kept on the condition that asking them again gives what they gave (`CarriedAnswer.conditions`): asking
 * again the answers the edit changed is enough to know it holds. It counts as dropped too, for the visits that asked
 * it. Where that cannot be known (a dropped part of another answer, asked only through its whole; a question or value
 * with a place in the changed text), it is dropped, and so is what asked it, up to an answer that can be asked again.
 *
 * An answer is not kept either, for its places only, when the function it is about starts in the text read again (its
 * header may have changed), when the function holding the calls a part of an answer is about meets that text (the part
 * read its whole text, `CarriedAnswer.holder`), or when one of its places is in that text. What asked it read nothing
 * the edit changed: it is not made again, and from now on stands for what computing the answer read (`placeless`), as
 * if it had computed it. An answer about the edited function itself reads its header (name, parameters, decorators,
 * class), which an edit of its body leaves as it was, and the places that call it; what its body does is read through
 * its name, which such an edit changes (`rereadHole`).
 */
function keepAnswers(previous: CarriedState, edit: Edit, reread: Reread): AnswersAfterEdit {
  const dropped = new Map<number, DroppedAnswer>();
  const droppedUses = new Set<string>();
  const placeless = new Map<string, ReadonlySet<string>>();
  if (!previous.answers?.size) return { dropped, droppedUses, placeless };
  const changed = reread.changedNames;
  const all = reread.changedNames.has(TAINT_IMPORTS);
  const read = reread.oldRead;
  const inRead = (offset: number) => offset >= read.start && offset <= read.end;
  const move = (offset: number) => (inRead(offset) ? undefined : edit.shift(offset));
  // A dropped answer is compared with what asking again gives: its places move with the text outside the change.
  const { start, oldEnd } = edit.dirty;
  const moveDropped = (offset: number) => (offset > start && offset < oldEnd ? undefined : edit.shift(offset));
  /** The answer's value and places moved past the text read again, or undefined when one of them is in it. */
  const keptAs = (answer: CarriedAnswer): CarriedAnswer | undefined => {
    if (
      (answer.anchor && inRead(answer.anchor.start)) ||
      (answer.holder && intersectsAt(answer.holder.start, answer.holder.end, read))
    )
      return undefined;
    const value = movedValue(answer.value, move);
    if (!value) return undefined;
    return {
      ...answer,
      value,
      ...(answer.anchor ? { anchor: movedPlaces(answer.anchor, edit.shift)! } : {}),
      ...(answer.holder ? { holder: movedPlaces(answer.holder, edit.shift)! } : {}),
    };
  };
  /** The answer's question and value in the new version's places, where none of them is in the changed text. */
  const droppedAs = (answer: CarriedAnswer): DroppedAnswer => {
    const anchor = answer.anchor && movedPlaces(answer.anchor, moveDropped);
    const holder = answer.holder && movedPlaces(answer.holder, moveDropped);
    if ((answer.anchor && !anchor) || (answer.holder && !holder)) return {};
    return {
      question: { kind: answer.kind, rest: answer.rest, ...(anchor ? { anchor } : {}), ...(holder ? { holder } : {}) },
      value: movedValue(answer.value, moveDropped),
    };
  };
  const byId = new Map<number, CarriedAnswer>();
  let anyDirect = all;
  for (const answer of previous.answers.values()) {
    byId.set(answer.id, answer);
    anyDirect ||= !!answer.uses && readsAny(answer.uses, changed);
  }
  const statuses = new Map<number, AnswerStatus>();
  if (anyDirect) {
    const statusOf = (answer: CarriedAnswer): AnswerStatus => {
      const known = statuses.get(answer.id);
      if (known) return known;
      // An answer that comes back to itself through what it asked (none should) is computed again.
      statuses.set(answer.id, { again: true });
      let again = all || (!!answer.uses && readsAny(answer.uses, changed));
      let roots: Set<number> | undefined;
      for (const use of again ? [] : (answer.uses ?? [])) {
        const id = answerOfUse(use);
        const asked = id === undefined ? undefined : byId.get(id);
        if (!asked) continue;
        const status = statusOf(asked);
        if (status.root) (roots ??= new Set()).add(asked.id);
        else if (status.again) again = true;
        else if (status.roots) for (const root of status.roots) (roots ??= new Set()).add(root);
      }
      const kept = roots && !again ? keptAs(answer) : undefined;
      let status: AnswerStatus = kept ? { roots, kept } : {};
      // Asked again as it was asked: a part of an answer only through its whole, which the part makes `again`.
      if (again || (roots && !kept)) {
        const asDropped = droppedAs(answer);
        status = { again: true, root: !answer.holder && !!asDropped.question && !!asDropped.value };
      }
      statuses.set(answer.id, status);
      return status;
    };
    for (const answer of previous.answers.values()) statusOf(answer);
  }
  const conditional: CarriedAnswer[] = [];
  const placed: CarriedAnswer[] = [];
  for (const answer of previous.answers.values()) {
    const status = statuses.get(answer.id);
    const use = answerUse(answer.id);
    if (status?.again || status?.roots) {
      droppedUses.add(use);
      dropped.set(answer.id, droppedAs(answer));
      if (status.roots) conditional.push(answer);
      continue;
    }
    const moved = keptAs(answer);
    if (moved) placed.push(moved);
    else placeless.set(use, answer.uses ?? new Set());
  }
  // An answer that asked answers the edit may have changed, and read nothing else it changed, is kept on the condition
  // that asking those again gives what they gave (see `CarriedAnswer.conditions`).
  for (const answer of conditional) {
    const { roots, kept } = statuses.get(answer.id)!;
    const conditions = [...roots!].map((id) => {
      const { question, value } = dropped.get(id)!;
      return { id, question: question!, value: value! };
    });
    placed.push({ ...kept!, conditions });
  }
  // What asks an answer not kept for its places stands for what computing it read, theirs included.
  for (const [use, uses] of placeless) placeless.set(use, flatUses(uses, placeless));
  const kept = new Map<string, CarriedAnswer>();
  for (const answer of placed) {
    const moved =
      answer.uses && asksAny(answer.uses, placeless) ? { ...answer, uses: flatUses(answer.uses, placeless) } : answer;
    kept.set(carriedAnswerKey(moved), moved);
  }
  return { kept: all ? undefined : kept, dropped, droppedUses, placeless };
}

/**
 * What an edit does to an answer of the previous version (see `keepAnswers`): nothing (no field); asked again
 * (`again`), and then a `root` when its question and value have places in the new version and it is no part of
 * another; or kept, moved, on the condition that asking the `roots` again gives what they gave.
 */
interface AnswerStatus {
  again?: boolean;
  root?: boolean;
  roots?: ReadonlySet<number>;
  /** With `roots`: the answer moved to the new version's places (see `keptAs`). */
  kept?: CarriedAnswer;
}

/** Whether `uses` name one of the answers of `placeless`. */
function asksAny(uses: ReadonlySet<string>, placeless: ReadonlyMap<string, unknown>): boolean {
  if (placeless.size <= uses.size) {
    for (const use of placeless.keys()) if (uses.has(use)) return true;
  } else for (const use of uses) if (placeless.has(use)) return true;
  return false;
}

/**
 * `uses` with each use naming an answer of `placeless` replaced by what that answer stands for, itself replaced the
 * same way (the answers an answer asked were computed before it: no answer stands for itself).
 */
function flatUses(
  uses: ReadonlySet<string>,
  placeless: ReadonlyMap<string, ReadonlySet<string>>,
  seen = new Set<string>(),
): Set<string> {
  const flat = new Set<string>();
  for (const use of uses) {
    const inner = placeless.get(use);
    if (!inner) flat.add(use);
    else if (!seen.has(use)) {
      seen.add(use);
      for (const name of flatUses(inner, placeless, seen)) flat.add(name);
    }
  }
  return flat;
}

/** `places` (an anchor, a holder) with each offset moved by `move`, or undefined when one of them has no place. */
function movedPlaces<T extends Record<string, number>>(
  places: T,
  move: (offset: number) => number | undefined,
): T | undefined {
  const moved: Record<string, number> = {};
  for (const key in places) {
    const to = move(places[key]);
    if (to === undefined) return undefined;
    moved[key] = to;
  }
  return moved as T;
}

/** Whether the two sets share an element (the smaller one is walked). */
function readsAny(uses: ReadonlySet<string>, changed: ReadonlySet<string>): boolean {
  return firstShared(uses, changed) !== undefined;
}

/**
 * The findings, text reads and name uses of the visits that stay clean, moved. A visit is clean
 * when its node (old positions) does not touch the change and, moved, is not selected by
 * `elsewhere` (the visits made again, less the touched text). The previous state is used up: the records of
 * clean visits are moved in place. Returns why not when a kept finding points into the changed text.
 */
function keepCleanVisits(
  previous: CarriedState,
  edit: Edit,
  elsewhere: VisitSelection,
): { findings: OriginFinding[]; textReads: TextRead[]; nameUses: NameUse[] } | string {
  const moveIfClean = (origin: Span): boolean => {
    if (intersects(origin, edit.oldTouched)) return false;
    origin.start = edit.shift(origin.start);
    origin.end = edit.shift(origin.end);
    return !elsewhere.selects(origin);
  };
  const findings: OriginFinding[] = [];
  for (const entry of previous.findings) {
    if (!moveIfClean(entry.origin)) continue;
    const finding = shiftFinding(entry.finding, edit.shift, edit.oldTouched);
    if (!finding) return 'a finding elsewhere points into the changed text';
    findings.push({ origin: entry.origin, finding });
  }
  const textReads: TextRead[] = [];
  for (const read of previous.textReads) {
    if (!moveIfClean(read.origin)) continue;
    read.start = edit.shift(read.start);
    read.end = edit.shift(read.end);
    textReads.push(read);
  }
  const nameUses: NameUse[] = [];
  for (const use of previous.nameUses) if (moveIfClean(use.origin)) nameUses.push(use);
  return { findings, textReads, nameUses };
}

/**
 * Every captured node `selection` selects, by type, in document order. The ranges that overlap are searched as one (a
 * node that meets their union meets one of them); a node spanning an origin is among the captures of its first
 * character. Each capture is grouped under its name, the node's type (asking a node its type or its end is a call
 * into WebAssembly).
 */
function nodesToVisit(input: PlanInput, selection: VisitSelection): Map<string, Node[]> {
  const seenNodes = new Set<number>();
  const found: { name: string; node: Node; start: number; end: number }[] = [];
  const add = (capture: (typeof found)[number]) => {
    if (seenNodes.has(capture.node.id)) return;
    seenNodes.add(capture.node.id);
    found.push(capture);
  };
  for (const range of mergeOverlapping(selection.ranges))
    for (const capture of namedCapturesIn(input.query, input.tree.rootNode, range.start, range.end)) add(capture);
  for (const origin of selection.origins)
    for (const capture of namedCapturesIn(input.query, input.tree.rootNode, origin.start, origin.start + 1))
      if (capture.start === origin.start && capture.end === origin.end) add(capture);
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  return capturesByType(found);
}

/**
 * The ranges with those that overlap (share a character) joined; an empty range stays as it is (what meets it is
 * what strictly contains its place).
 */
function mergeOverlapping(ranges: readonly Span[]): Span[] {
  const sorted = ranges.filter((range) => range.end > range.start).sort((a, b) => a.start - b.start);
  const merged: Span[] = ranges.filter((range) => range.end <= range.start);
  let current: Span | undefined;
  for (const range of sorted) {
    if (current && range.start < current.end) current.end = Math.max(current.end, range.end);
    else merged.push((current = { ...range }));
  }
  return merged;
}

/**
 * What the file imports after the edit, again from its import statements (for an edit in a
 * function body, that body's). When the set of modules changed, the answers that read it are
 * made again (`IMPORTED_MODULES` among the changed names), and those of the taint analysis when
 * what it reads of the set changed (`TAINT_IMPORTS`); when it changes which rules apply
 * (`requiresImport`), why everything is analysed instead. The carried model gets the text of the
 * top-level imports again (function summaries are kept under it).
 */
function importsAfter(
  input: PlanInput,
  edit: Edit,
  reread: Reread,
):
  | {
      carried: CarriedModel;
      holes: HoleInfo[];
      outerImports: OuterImport[];
      modulesChanged: boolean;
      taintImportsChanged: boolean;
    }
  | string {
  const { previous } = input;
  let { carried, holes, outerImports } = reread;
  const edited = reread.editedHole;
  if (edited !== undefined) {
    const hole = carried.holes[edited];
    const body = input.text.slice(hole.bodyStart, hole.bodyEnd);
    const importNodes =
      previous.holes[edited].imports.length || body.includes('import')
        ? capturesIn(input.importQuery, input.tree.rootNode, hole.bodyStart, hole.bodyEnd)
        : [];
    const imports = importsInside(importNodes, hole);
    if (imports.join('\n') !== previous.holes[edited].imports.join('\n'))
      holes = holes.map((info, h) => (h === edited ? { ...info, imports } : info));
    outerImports = outerImports.map((entry) => moveImport(edit, entry));
  }
  let modulesChanged = false;
  let taintImportsChanged = false;
  if ((holes !== previous.holes || edited === undefined) && !reread.importsKept) {
    const modules = new Set<string>();
    for (const entry of outerImports) for (const module of entry.modules) modules.add(module);
    for (const info of holes) for (const module of info.imports) modules.add(module);
    const before = new Set(previous.carried.importedModules);
    if (modules.size !== before.size || [...modules].some((module) => !before.has(module))) {
      const rule = input.active.find(({ rule }) => ruleApplies(rule, before) !== ruleApplies(rule, modules));
      if (rule) return `the edit changed whether ${rule.rule.meta.id} applies (the modules it needs imported)`;
      modulesChanged = true;
      taintImportsChanged = taintImportsKey(before) !== taintImportsKey(modules);
      carried = { ...carried, importedModules: [...modules] };
    }
    carried = {
      ...carried,
      topLevelImports: outerImports
        .filter((entry) => entry.topLevel)
        .map((entry) => input.text.slice(entry.start, entry.end)),
    };
  }
  return { carried, holes, outerImports, modulesChanged, taintImportsChanged };
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

/**
 * Moves, in place, every position of the carried model that is after the change, from the hole at `firstHole` on (the
 * holes before it end before the change). The previous state is used up (see `planIncrementalAnalysis`), and no two
 * records share a position object, so nothing is copied: an edit costs no garbage for the records it only moves.
 */
function moveCarried(carried: CarriedModel, edit: Edit, firstHole: number): void {
  for (let h = firstHole; h < carried.holes.length; h++) moveHole(carried.holes[h], edit);
  for (const scope of carried.outerScopes) moveScope(scope, edit);
  carried.outerBindings.forEach((records) => {
    for (const record of records) moveBinding(record, edit);
  });
}

function moveRef(ref: NodeRef, edit: Edit): void {
  ref.start = edit.shift(ref.start);
  ref.end = edit.shift(ref.end);
}

function moveHole(hole: HoleRecord, edit: Edit): void {
  hole.bodyStart = edit.shift(hole.bodyStart);
  hole.bodyEnd = edit.shift(hole.bodyEnd);
  moveRef(hole.definition, edit);
  hole.headerStart = edit.shift(hole.headerStart);
}

function moveScope(scope: ScopeRecord, edit: Edit): void {
  moveRef(scope.scope, edit);
  scope.bodyStart = edit.shift(scope.bodyStart);
  scope.bodyEnd = edit.shift(scope.bodyEnd);
}

function moveBinding(record: BindingRecord, edit: Edit): void {
  // A record wholly before the change stays as it is (most of those before the edit).
  const from = edit.dirty.start;
  if (
    record.node.end < from &&
    record.at < from &&
    (record.value?.end ?? 0) < from &&
    (record.nameAt ?? 0) < from &&
    (record.bodyStart ?? 0) < from
  )
    return;
  record.at = edit.shift(record.at);
  moveRef(record.node, edit);
  if (record.value) moveRef(record.value, edit);
  if (record.nameAt !== undefined) record.nameAt = edit.shift(record.nameAt);
  if (record.bodyStart !== undefined) record.bodyStart = edit.shift(record.bodyStart);
}

/** A copy of a hole with its positions moved (to test it against the new tree before anything is moved in place). */
function movedHole(hole: HoleRecord, edit: Edit): HoleRecord {
  const copy = { ...hole, definition: { ...hole.definition } };
  moveHole(copy, edit);
  return copy;
}

/**
 * A finding with its positions moved, or undefined when one of them is inside the changed text (it cannot be moved).
 */
function shiftFinding(finding: Finding, shift: (offset: number) => number, edited: Span): Finding | undefined {
  // One wholly before the change stays as it is (most of those before the edit).
  if (endsBefore(finding, edited.start)) return finding;
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
      ? {
          flow: finding.flow.map((step) =>
            // A step in another file does not move with this one's text.
            step.elsewhere ? { ...step } : { ...step, start: move(step.start), end: move(step.end) },
          ),
        }
      : {}),
  };
  return inside ? undefined : moved;
}

/** Whether every position of a finding in this file is before `offset`. */
function endsBefore(finding: Finding, offset: number): boolean {
  return (
    finding.start < offset &&
    finding.end < offset &&
    (finding.fix?.edits.every((change) => change.start < offset && change.end < offset) ?? true) &&
    (finding.flow?.every((step) => step.elsewhere || (step.start < offset && step.end < offset)) ?? true)
  );
}
