import { nodeAt } from '../parser/parser';
import type { Node } from '../parser/parser';
import { StringShape, stringShapeOf } from './strings';
import { answerOfUse, type CarriedAnswer, Taint, TaintSummaryCache, TaintTracker } from './taint';
import type { ModuleContext } from './crossModule';
import type { Summary } from './dataflow/summaries';
import type { TaintValue } from './dataflow/value';
import { SinkKind, SourceFamily, TaintOptions, defaultTaintOptions } from './taintCatalog';
import type { Constant } from './dataflow/constants';
import { partitionPoint } from '../core/search';
import { isAsciiWordCharacter } from '../core/text';
import { callsNamed, classOfMethod, definitionStatement, outermostFunction } from './dataflow/callSites';
import { assignedTarget, assignedValue } from './assignments';
import { inModule } from './importLines';

/** How a name got its value at some point in a scope. */
export type Binding =
  | { kind: 'import'; name: string; at: number; qualifiedName: string; node: Node }
  | { kind: 'assignment'; name: string; at: number; value: Node; node: Node }
  | { kind: 'augmented'; name: string; at: number; value: Node; operator: string; node: Node }
  | { kind: 'parameter'; name: string; at: number; node: Node; function: Node }
  | { kind: 'loop' | 'with' | 'function' | 'class'; name: string; at: number; value?: Node; node: Node }
  /** One target of `a, b = value`, `for k, v in value` or `with f() as (a, b)`: it holds a part of `value`. */
  | { kind: 'unpack'; name: string; at: number; value: Node; node: Node };

/** Where a value may have come from, as far as the file shows. */
export type Origin = 'request' | 'parameter' | 'input' | 'constant' | 'unknown';

/** A node by position, to be found again in the next version's tree (no tree object is kept). */
export interface NodeRef {
  type: string;
  start: number;
  end: number;
}

/** A binding outside every function body, by position. */
export interface BindingRecord {
  kind: Binding['kind'];
  name: string;
  at: number;
  node: NodeRef;
  value?: NodeRef;
  qualifiedName?: string;
  operator?: string;
  /** Where the bound name is written, for `def` and `class` (a use of the name elsewhere is not this). */
  nameAt?: number;
  /** For `class`: where its body starts (what uses of a class name see is its header). */
  bodyStart?: number;
}

/** A lambda body outside every function body; `parent` indexes the same list (-1: the module). */
export interface ScopeRecord {
  scope: NodeRef;
  bodyStart: number;
  bodyEnd: number;
  parent: number;
}

/** The body of a function that is inside no other function: the unit an edit dirties. */
export interface HoleRecord {
  bodyStart: number;
  bodyEnd: number;
  definition: NodeRef;
  /** Where the function's header starts: its first decorator, or `def`. */
  headerStart: number;
  /** For a method of a class, the use a lookup of it through its class records (`methodUse`). */
  method?: string;
}

/**
 * What the model knows about a file outside its function bodies, by position. While edits stay
 * inside one function body that part of the file is unchanged (only shifted), so the next
 * version's model starts from this instead of collecting it again from the tree.
 */
export interface CarriedModel {
  holes: HoleRecord[];
  outerScopes: ScopeRecord[];
  /** Keyed by `${outer scope index}:${name}` (-1 is the module), each list sorted by `at`. */
  outerBindings: Map<string, BindingRecord[]>;
  importedModules: string[];
  topLevelImports: string[];
}

/**
 * How a model built from part of a file finds the rest: what was carried over, and the nodes of a function body on
 * demand.
 */
export interface CarriedContext {
  carried: CarriedModel;
  /** Holes whose nodes are already among the nodes handed to the constructor. */
  loaded: ReadonlySet<number>;
  /** The nodes of the model's types inside a hole's body (and its definition, for the parameters). */
  load(hole: HoleRecord): Map<string, Node[]>;
  /** The taint analysis's answers about other functions that the previous version kept for this one. */
  answers?: ReadonlyMap<string, CarriedAnswer>;
  /** The ids of the previous version's answers to questions whose answers it did not keep (see `TaintTracker`). */
  answerIds?: ReadonlyMap<string, number>;
}

/** Thrown when a carried-over position no longer names a node: the caller analyses the whole file instead. */
export class CarriedModelMismatch extends Error {}

/** Node types the model needs; the engine collects them in its single pass and hands them over. */
export const modelNodeTypes = [
  'import_statement',
  'import_from_statement',
  'assignment',
  'augmented_assignment',
  'function_definition',
  'class_definition',
  'for_statement',
  'with_item',
  'lambda',
  'named_expression',
  'for_in_clause',
] as const;

/** A function or lambda body as offsets, with the index of the body that encloses it (-1 for none). */
interface ScopeSpan {
  scope: Node;
  bodyStart: number;
  bodyEnd: number;
  parent: number;
}

const builtinNames: ReadonlySet<string> = new Set([
  'open',
  'print',
  'eval',
  'exec',
  'compile',
  'input',
  '__import__',
  'str',
  'repr',
  'int',
  'float',
  'bool',
  'len',
  'format',
  'bytes',
  'dict',
  'list',
  'tuple',
  'set',
  'getattr',
  'setattr',
  'vars',
  'globals',
]);

const MAX_DEPTH = 12;
/** Past this many `global` words in a file, the others are not looked at. */
const MAX_GLOBAL_WORDS = 200;

/** See `SemanticModel.work`. */
export interface ModelWork {
  bodiesRecorded: number;
  /** Flow graphs built (one per function body or module asked about). */
  flowGraphs: number;
  /** Answers computed from other functions of the file, by kind (`callers`, `attribute`, `global`, ...). */
  fromElsewhere: Record<string, number>;
}

/**
 * The model as rules and fix builders see it (`RuleContext.model`): without the file's text, which
 * they read through the context's accessors that record what they read, and without the
 * bookkeeping of the incremental analysis.
 */
export type ModelView = Omit<
  SemanticModel,
  | 'sourceText'
  | 'collectUses'
  | 'replayUses'
  | 'takeUses'
  | 'holeRecords'
  | 'readsOccurrences'
  | 'readsGlobalDeclarations'
  | 'readsCalls'
  | 'readsMethodCalls'
  | 'methodCallClasses'
  | 'readsClassBody'
  | 'work'
  | 'carryOver'
  | 'moduleBindingRecords'
  | 'outerRecords'
>;

/**
 * What a file says about its names: imports and aliases resolved to qualified names, the values
 * assigned to names within each scope, and the shape of strings built from them. Rules ask it
 * instead of re-deriving any of this.
 */
export class SemanticModel {
  private readonly bindings = new Map<string, Binding[]>();
  private readonly shapeCache = new Map<number, { shape: StringShape; uses?: ReadonlySet<string> }>();
  private readonly calleeCache = new Map<number, { name: string | undefined; uses?: ReadonlySet<string> }>();
  private readonly pathCache = new Map<number, { path: string | undefined; uses?: ReadonlySet<string> }>();
  private readonly methodIndex = new Map<number, ReadonlyMap<string, Node>>();
  /** Names looked up outside every function body by the computation in progress (what an edit there may change). */
  private uses: Set<string> | undefined;
  private readonly moduleNames = new Set<string>();

  /**
   * Qualified module names imported anywhere in the file (`sqlite3`, `psycopg2.extras`, ...). An answer that reads
   * them depends on the set: an edit that changes it re-checks the answer (`IMPORTED_MODULES`).
   */
  get importedModules(): ReadonlySet<string> {
    if (this.trackerDepth === 0) this.noteUse(IMPORTED_MODULES);
    return this.moduleNames;
  }

  /**
   * True when the file imports `module` or a module inside it (`unittest`, `unittest.mock`). An answer that asks
   * depends on that alone: only an edit that adds or removes such an import re-checks it (see `importChangeUses`).
   */
  importsModule(module: string): boolean {
    if (this.trackerDepth === 0) this.noteUse(IMPORTED_MODULE + module);
    for (const name of this.moduleNames) if (inModule(name, module)) return true;
    return false;
  }

  /** Function and lambda bodies sorted by start: scopes are found by offset, not by walking parents in WASM. */
  private readonly scopes: ScopeSpan[] = [];
  /** The functions inside no other function (see `outerFunctions`). */
  private outerFunctionSpans: ScopeSpan[] | undefined;

  private taintTracker: TaintTracker | undefined;

  /**
   * Forgets what taint questions computed: a model kept from one analysis to the next (another module of the
   * workspace) answers the next analysis's questions afresh, as a model parsed for it would.
   */
  forgetTaint(): void {
    this.taintTracker = undefined;
  }

  /** Set when the model was built from part of a file plus what an earlier version carried over. */
  private readonly context: CarriedContext | undefined;
  /** Per hole (by index) once its nodes are recorded: its function and lambda bodies, parents local to the list. */
  private readonly holeScopes = new Map<number, ScopeSpan[]>();
  private readonly outerScopeNodes = new Map<number, Node>();
  /** Scope node id → index among the carried outer scopes (-1: the module). */
  private readonly outerScopeIndex = new Map<number, number>();
  private readonly outerBindingLists = new Map<string, Binding[]>();
  /** Set once a carried position failed to name a node (the caller then analyses the whole file). */
  mismatch = false;

  constructor(
    readonly root: Node,
    private readonly text: string,
    nodesByType: Map<string, Node[]>,
    private readonly taintOptions: TaintOptions = defaultTaintOptions,
    context?: CarriedContext,
    /** Function summaries kept across analyses of the same file by whoever runs them. */
    private readonly taintSummaries?: TaintSummaryCache,
    /** The file's path and the analysis of the other workspace modules it imports, when there is a workspace. */
    readonly modules?: ModuleContext,
  ) {
    this.context = context;
    if (context) {
      for (const module of context.carried.importedModules) this.moduleNames.add(module);
      this.outerScopeIndex.set(root.id, -1);
      const byHole = new Map<number, Map<string, Node[]>>();
      for (const hole of context.loaded) byHole.set(hole, new Map());
      for (const [type, nodes] of nodesByType) {
        if (!(modelNodeTypes as readonly string[]).includes(type)) continue;
        for (const node of nodes) {
          const hole = this.holeOf(node.startIndex, node.endIndex);
          const definitionOf = hole < 0 && type === 'function_definition' ? this.holeDefinedBy(node) : -1;
          const target = byHole.get(hole >= 0 ? hole : definitionOf);
          if (!target) continue;
          const list = target.get(type);
          if (list) list.push(node);
          else target.set(type, [node]);
        }
      }
      for (const [hole, nodes] of byHole) this.recordHole(hole, nodes);
      return;
    }
    this.indexScopes([...(nodesByType.get('function_definition') ?? []), ...(nodesByType.get('lambda') ?? [])]);
    for (const type of modelNodeTypes) {
      for (const node of nodesByType.get(type) ?? []) this.record(node);
    }
    for (const list of this.bindings.values()) list.sort((a, b) => a.at - b.at);
  }

  // ---- scopes and bindings ----

  /**
   * The function (or lambda) whose body holds `node`, or the module. Default values and decorators
   * are outside the body, so they belong to the enclosing scope. Bodies nest, so the innermost body
   * holding the node is found from the last body starting at or before it, then its enclosing ones.
   */
  scopeOf(node: Node): Node {
    const start = node.startIndex;
    const end = node.endIndex;
    if (this.context) return this.carriedScopeOf(start, end);
    return innermost(this.scopes, start, end)?.scope ?? this.root;
  }

  private indexScopes(functions: Node[]): void {
    this.scopes.push(...spansOf(functions));
  }

  /** The index of the hole whose body holds [start, end), or -1. */
  private holeOf(start: number, end: number): number {
    const holes = this.context!.carried.holes;
    const last = partitionPoint(holes, (hole) => hole.bodyStart <= start) - 1;
    return last >= 0 && end <= holes[last].bodyEnd ? last : -1;
  }

  /**
   * Whether [start, end) is in the body of a function (of a function inside no other, so at any depth): by offset,
   * from the bodies the model indexed or carried, without walking the tree.
   */
  private inFunctionBody(start: number, end: number): boolean {
    if (this.context) return this.holeOf(start, end) >= 0;
    const functions = this.outerFunctions();
    const last = partitionPoint(functions, (span) => span.bodyStart <= start) - 1;
    return last >= 0 && end <= functions[last].bodyEnd;
  }

  /** The functions inside no other function (the holes of an editor analysis), sorted by where their bodies start. */
  private outerFunctions(): ScopeSpan[] {
    this.outerFunctionSpans ??= this.scopes.filter(
      (span) => span.parent === -1 && span.scope.type === 'function_definition',
    );
    return this.outerFunctionSpans;
  }

  /** The hole whose function `definition` is, or -1. */
  private holeDefinedBy(definition: Node): number {
    const holes = this.context!.carried.holes;
    const body = this.holeOf(definition.endIndex - 1, definition.endIndex);
    return body >= 0 && holes[body].definition.start === definition.startIndex ? body : -1;
  }

  private carriedScopeOf(start: number, end: number): Node {
    const hole = this.holeOf(start, end);
    if (hole >= 0) {
      const spans = this.holeScopesOf(hole);
      const span = innermost(spans, start, end);
      if (span) return span.scope;
    }
    const outer = this.context!.carried.outerScopes;
    const index = innermostIndex(outer, start, end);
    return index < 0 ? this.root : this.outerScopeNode(index);
  }

  private outerScopeNode(index: number): Node {
    let node = this.outerScopeNodes.get(index);
    if (!node) {
      node = this.nodeAt(this.context!.carried.outerScopes[index].scope);
      this.outerScopeNodes.set(index, node);
      this.outerScopeIndex.set(node.id, index);
    }
    return node;
  }

  /** The hole's scopes, recording its nodes first if this analysis has not yet. */
  private holeScopesOf(hole: number): ScopeSpan[] {
    let spans = this.holeScopes.get(hole);
    if (!spans) {
      const record = this.context!.carried.holes[hole];
      const nodes = this.context!.load(record);
      const definition = this.nodeAt(record.definition);
      const functions = nodes.get('function_definition') ?? [];
      if (!functions.some((node) => node.id === definition.id))
        nodes.set('function_definition', [definition, ...functions]);
      this.recordHole(hole, nodes);
      spans = this.holeScopes.get(hole)!;
    }
    return spans;
  }

  /** Records one hole's nodes: its scopes first (recording asks for them), then its bindings. */
  private recordHole(hole: number, nodes: Map<string, Node[]>): void {
    const record = this.context!.carried.holes[hole];
    const functions = nodes.get('function_definition') ?? [];
    if (
      !functions.some((node) => node.startIndex === record.definition.start && node.endIndex === record.definition.end)
    ) {
      nodes.set('function_definition', [this.nodeAt(record.definition), ...functions]);
    }
    this.holeScopes.set(hole, spansOf([...(nodes.get('function_definition') ?? []), ...(nodes.get('lambda') ?? [])]));
    const touched = new Set<Binding[]>();
    this.recording = touched;
    try {
      for (const type of modelNodeTypes) {
        for (const node of nodes.get(type) ?? []) this.record(node);
      }
    } finally {
      this.recording = undefined;
    }
    for (const list of touched) list.sort((a, b) => a.at - b.at);
  }

  private recording: Set<Binding[]> | undefined;

  /** The node a carried position names in this tree. */
  private nodeAt(ref: NodeRef): Node {
    const node = nodeAt(this.root, ref);
    if (node) return node;
    this.mismatch = true;
    throw new CarriedModelMismatch(`no ${ref.type} at ${ref.start}-${ref.end}`);
  }

  /** The bindings of `name` in `scope`, sorted by `at` (carried ones made into bindings on first use). */
  private bindingsOf(scope: Node, name: string): Binding[] | undefined {
    if (this.context) {
      const outer = this.outerScopeIndex.get(scope.id);
      if (outer !== undefined) {
        this.noteUse(name);
        return this.outerBindings(`${outer}:${name}`);
      }
    } else if (scope === this.root || scope.type === 'lambda') this.noteUse(name);
    return this.bindings.get(this.key(scope, name));
  }

  private noteUse(name: string): void {
    (this.uses ??= new Set()).add(name);
  }

  /**
   * Runs `compute` and returns, with its value, the names it looked up outside every function
   * body (also added to the computation in progress, unless `replay` is false). Caches keep them and pass them on with
   * `replayUses` when they answer, so every answer names what it depends on.
   */
  collectUses<T>(compute: () => T, replay = true): [T, ReadonlySet<string> | undefined] {
    const outer = this.uses;
    this.uses = undefined;
    let inner: Set<string> | undefined;
    try {
      const value = compute();
      inner = this.uses;
      return [value, inner];
    } finally {
      inner ??= this.uses;
      this.uses = outer;
      if (replay) this.replayUses(inner);
    }
  }

  replayUses(uses: ReadonlySet<string> | undefined): void {
    if (uses) for (const name of uses) this.noteUse(name);
  }

  /** The names collected since the last call (the engine asks after each visit). */
  takeUses(): ReadonlySet<string> | undefined {
    const uses = this.uses;
    this.uses = undefined;
    return uses;
  }

  private outerBindings(key: string): Binding[] | undefined {
    let list = this.outerBindingLists.get(key);
    if (!list) {
      const records = this.context!.carried.outerBindings.get(key);
      if (!records) return undefined;
      list = records.map((record) => this.bindingFrom(record));
      this.outerBindingLists.set(key, list);
    }
    return list;
  }

  /** A binding whose nodes are looked up in this tree only when read. */
  private bindingFrom(record: BindingRecord): Binding {
    const binding: Record<string, unknown> = { kind: record.kind, name: record.name, at: record.at };
    if (record.qualifiedName !== undefined) binding.qualifiedName = record.qualifiedName;
    if (record.operator !== undefined) binding.operator = record.operator;
    let node: Node | undefined;
    Object.defineProperty(binding, 'node', { enumerable: true, get: () => (node ??= this.nodeAt(record.node)) });
    if (record.value) {
      const ref = record.value;
      let value: Node | undefined;
      Object.defineProperty(binding, 'value', { enumerable: true, get: () => (value ??= this.nodeAt(ref)) });
    }
    return binding as unknown as Binding;
  }

  /** What the next version's model may carry over (see CarriedModel); only for a model of the whole file. */
  /**
   * The bodies of the functions inside no other function, in order (for a model of the whole file, or of the nodes it
   * was given).
   */
  holeRecords(): HoleRecord[] {
    return this.outerFunctions().map((span) => {
      const headerStart = definitionStatement(span.scope).startIndex;
      const owner = classOfMethod(span.scope);
      const record: HoleRecord = {
        bodyStart: span.bodyStart,
        bodyEnd: span.bodyEnd,
        definition: refOf(span.scope),
        headerStart,
      };
      if (owner) record.method = methodUse(owner, span.scope.childForFieldName('name')?.text ?? '');
      return record;
    });
  }

  /**
   * Notes that the answer being computed read every place of the file that holds one of `words` (the calls of a
   * function are where its name is, the writes of a global where the global is): an edit whose text, before or after,
   * holds one of them re-checks it (see `occurrenceUses`).
   */
  readsOccurrences(words: readonly string[]): void {
    for (const word of words) this.noteUse(OCCURRENCE + word);
  }

  /**
   * Notes that the answer being computed read every place of the file written like a call of one of `names` (the name,
   * then an opening parenthesis) and what the functions that hold those places do there: an edit whose text, before or
   * after, holds such a place re-checks it (see `occurrenceUses`). Narrower than `readsOccurrences`: an edit in a body
   * that holds the name only otherwise (`self.close = close`, a comment) leaves it alone.
   */
  readsCalls(names: readonly string[]): void {
    for (const name of names) this.noteUse(CALL_OCCURRENCE + name);
  }

  /**
   * The calls in function bodies written `name(...)` or `<receiver>.name(...)` (which function each
   * reaches is for the caller to decide). They are found in the file's text, so the answer is
   * recorded as reading every place written like a call of `name`.
   */
  callsInFunctionBodies(name: string, methodOf?: string): readonly Node[] {
    // Asked once per function of that name and per question about it: the file's text is searched once per name.
    let found = this.callsByName.get(name);
    if (!found) {
      const inBody = (start: number, end: number) => this.inFunctionBody(start, end);
      const named = callsNamed(this.root, this.text, name, inBody);
      found = { calls: named.filter((call) => inBody(call.startIndex, call.endIndex)), capped: !!named.capped };
      this.callsByName.set(name, found);
    }
    // Where the search stopped at its limit, any place written like a call of the name decides which calls are found.
    if (methodOf !== undefined && !found.capped) this.readsMethodCalls(methodOf, name);
    else this.readsCalls([name]);
    return found.calls;
  }

  private readonly callsByName = new Map<string, { calls: readonly Node[]; capped: boolean }>();

  /**
   * Notes that the answer being computed read the calls of the method `name` of the class named `className` on its
   * instances or on the class (`obj.name(...)`, `Class.name(...)`): the places written like a call of `name` in the
   * functions that may name such an object (see `methodCallUses`), and what those functions do there.
   */
  readsMethodCalls(className: string, name: string): void {
    this.noteUse(`${METHOD_CALL}${className}.${name}`);
    this.noteUse(`${METHOD_CALL}*.${name}`);
    this.methodCallClassNames.add(className);
  }

  /** The classes whose methods' calls this analysis read (`readsMethodCalls`). */
  methodCallClasses(): ReadonlySet<string> {
    return this.methodCallClassNames;
  }

  private readonly methodCallClassNames = new Set<string>();

  /**
   * Notes that the answer being computed read the `global` statements that declare one of `names` (and what the
   * functions that hold them do): an edit whose text, before or after, holds `global` and the name re-checks it (see
   * `occurrenceUses`). Narrower than `readsOccurrences`: an edit in a body that merely uses the name leaves it alone.
   */
  readsGlobalDeclarations(names: readonly string[]): void {
    for (const name of names) this.noteUse(GLOBAL_DECLARATION + name);
  }

  /**
   * The `global name` statements in function bodies, found from each `global` word of the text (no
   * pattern: a long line of them stays linear; past MAX_GLOBAL_WORDS words the others are not
   * looked at). The answer is recorded as reading the declarations of `name` (and, when the words
   * ran out, every `global` word of the file).
   */
  globalStatementsNaming(name: string): Node[] {
    this.readsGlobalDeclarations([name]);
    if (!this.globalStatements) {
      // Every `global` statement in a function body, by the names it declares, found once for all names asked about.
      const byName = new Map<string, Node[]>();
      const text = this.text;
      let seen = 0;
      let at = text.indexOf('global');
      for (; at >= 0 && seen++ < MAX_GLOBAL_WORDS; at = text.indexOf('global', at + 6)) {
        let statement: Node | null = this.root.descendantForIndex(at, at + 6);
        while (statement && statement.type !== 'global_statement' && statement.endIndex - statement.startIndex <= 6)
          statement = statement.parent;
        if (statement?.type !== 'global_statement' || statement.startIndex !== at || !outermostFunction(statement))
          continue;
        for (const declared of statement.namedChildren) {
          if (declared?.type !== 'identifier') continue;
          const list = byName.get(declared.text);
          if (!list) byName.set(declared.text, [statement]);
          else if (list[list.length - 1].id !== statement.id) list.push(statement);
        }
      }
      this.globalStatements = byName;
      this.globalWordsCut = at >= 0;
    }
    // Which statements were looked at depends on every `global` word before the last one looked at.
    if (this.globalWordsCut) this.noteUse(GLOBAL_DECLARATION);
    return this.globalStatements.get(name) ?? [];
  }

  private globalStatements: Map<string, Node[]> | undefined;
  /** True when the search for `global` statements stopped at MAX_GLOBAL_WORDS words. */
  private globalWordsCut = false;

  /** The file's text from `start` to `end`, for the semantic layer's reads of a node's own text. */
  sourceText(start: number, end: number): string {
    return this.text.slice(start, end);
  }

  carryOver(): CarriedModel {
    if (this.context) throw new Error('only a model of the whole file can be carried over');
    return {
      holes: this.holeRecords(),
      ...this.outerRecords(),
      importedModules: [...this.moduleNames],
      topLevelImports: this.topLevelImports(),
    };
  }

  /**
   * The lambdas outside every function body and the bindings outside every function body, keyed by them (see
   * `CarriedModel`), for a model of the whole file or of the nodes it was given.
   */
  outerRecords(): Pick<CarriedModel, 'outerScopes' | 'outerBindings'> {
    const outerScopes: ScopeRecord[] = [];
    const outerIndex = new Map<number, number>([[this.root.id, -1]]);
    const scopeIndex = new Map<number, number>();
    this.scopes.forEach((span, i) => {
      if (span.parent === -1 && span.scope.type === 'function_definition') return;
      // Lambdas outside every function body; anything else nests in a hole.
      if (span.parent !== -1 && !scopeIndex.has(span.parent)) return;
      scopeIndex.set(i, outerScopes.length);
      outerIndex.set(span.scope.id, outerScopes.length);
      outerScopes.push({
        scope: refOf(span.scope),
        bodyStart: span.bodyStart,
        bodyEnd: span.bodyEnd,
        parent: span.parent === -1 ? -1 : scopeIndex.get(span.parent)!,
      });
    });
    const outerBindings = new Map<string, BindingRecord[]>();
    for (const [key, list] of this.bindings) {
      const scope = this.keyScopes.get(key)!;
      const outer = outerIndex.get(scope.id);
      if (outer === undefined) continue;
      outerBindings.set(`${outer}:${list[0].name}`, list.map(recordOf));
    }
    return { outerScopes, outerBindings };
  }

  /** The records of the module's own bindings (for a model of part of a file: those of its nodes). */
  moduleBindingRecords(): BindingRecord[] {
    const records: BindingRecord[] = [];
    for (const [key, list] of this.bindings)
      if (this.keyScopes.get(key) === this.root) records.push(...list.map(recordOf));
    return records;
  }

  private topLevelImportTexts: string[] | undefined;

  /** The text of each import statement at the top level of the file. */
  topLevelImports(): string[] {
    this.topLevelImportTexts ??= this.context
      ? this.context.carried.topLevelImports
      : this.root.namedChildren
          .filter((n) => n?.type === 'import_statement' || n?.type === 'import_from_statement')
          .map((n) => n.text);
    return this.topLevelImportTexts;
  }

  enclosingFunction(node: Node): Node | undefined {
    const scope = this.scopeOf(node);
    return scope.type === 'function_definition' ? scope : undefined;
  }

  private key(scope: Node, name: string): string {
    return `${scope.id}:${name}`;
  }

  private readonly keyScopes = new Map<string, Node>();

  /**
   * Binds the target of a `for`, a comprehension's `for` or a `with ... as`: a name as `kind`, each
   * name of a pattern (`k, v`, `[x, *rest]`) as one part of `value`. The names are bound from where
   * `from` starts, in its scope.
   */
  private bindTarget(target: Node, kind: 'loop' | 'with', node: Node, from: Node, value: Node | undefined): void {
    const scope = this.scopeOf(from);
    if (target.type === 'identifier') {
      this.add(scope, { kind, name: target.text, at: from.startIndex, value, node });
      return;
    }
    if (!value) return;
    for (const part of patternIdentifiers(target))
      this.add(scope, { kind: 'unpack', name: part.text, at: from.startIndex, value, node });
  }

  private add(scope: Node, binding: Binding): void {
    // Bindings outside every function body were carried over: recording them again would double them.
    if (
      this.context &&
      (scope === this.root ||
        (this.holeOf(scope.startIndex, scope.endIndex) < 0 && scope.type !== 'function_definition'))
    )
      return;
    const key = this.key(scope, binding.name);
    let list = this.bindings.get(key);
    if (list) list.push(binding);
    else {
      list = [binding];
      this.bindings.set(key, list);
      this.keyScopes.set(key, scope);
    }
    this.recording?.add(list);
  }

  private record(node: Node): void {
    switch (node.type) {
      case 'import_statement':
        for (const child of node.namedChildren) {
          if (!child) continue;
          if (child.type === 'dotted_name') {
            const full = child.text;
            this.moduleNames.add(full);
            const first = full.split('.')[0];
            this.add(this.scopeOf(node), {
              kind: 'import',
              name: first,
              at: node.startIndex,
              qualifiedName: first,
              node,
            });
          } else if (child.type === 'aliased_import') {
            const full = child.childForFieldName('name')?.text ?? '';
            const alias = child.childForFieldName('alias')?.text ?? '';
            this.moduleNames.add(full);
            this.add(this.scopeOf(node), {
              kind: 'import',
              name: alias,
              at: node.startIndex,
              qualifiedName: full,
              node,
            });
          }
        }
        return;
      case 'import_from_statement': {
        const moduleNode = node.childForFieldName('module_name');
        if (!moduleNode) return;
        const module = moduleNode.text;
        this.moduleNames.add(module);
        for (const child of node.childrenForFieldName('name')) {
          if (!child) continue;
          if (child.type === 'dotted_name') {
            this.add(this.scopeOf(node), {
              kind: 'import',
              name: child.text,
              at: node.startIndex,
              qualifiedName: qualifiedIn(module, child.text),
              node,
            });
          } else if (child.type === 'aliased_import') {
            const name = child.childForFieldName('name')?.text ?? '';
            const alias = child.childForFieldName('alias')?.text ?? '';
            this.add(this.scopeOf(node), {
              kind: 'import',
              name: alias,
              at: node.startIndex,
              qualifiedName: qualifiedIn(module, name),
              node,
            });
          }
        }
        return;
      }
      case 'assignment': {
        const left = assignedTarget(node);
        const right = assignedValue(node);
        if (!left || !right) return;
        this.recordTargets(left, right, node);
        return;
      }
      case 'augmented_assignment': {
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        const operator = node.childForFieldName('operator')?.text ?? '';
        if (left?.type === 'identifier' && right) {
          this.add(this.scopeOf(node), {
            kind: 'augmented',
            name: left.text,
            at: node.endIndex,
            value: right,
            operator,
            node,
          });
        }
        return;
      }
      case 'function_definition': {
        const name = node.childForFieldName('name');
        if (name) this.add(this.scopeOf(node), { kind: 'function', name: name.text, at: node.startIndex, node });
        const parameters = node.childForFieldName('parameters');
        for (const parameter of parameters?.namedChildren ?? []) {
          const parameterName = parameter && parameterNameOf(parameter);
          if (parameterName) {
            this.add(node, {
              kind: 'parameter',
              name: parameterName,
              at: node.startIndex,
              node: parameter,
              function: node,
            });
          }
        }
        return;
      }
      case 'class_definition': {
        const name = node.childForFieldName('name');
        if (name) this.add(this.scopeOf(node), { kind: 'class', name: name.text, at: node.startIndex, node });
        return;
      }
      case 'for_statement': {
        const left = node.childForFieldName('left');
        if (left) this.bindTarget(left, 'loop', node, node, node.childForFieldName('right') ?? undefined);
        return;
      }
      case 'for_in_clause': {
        // Comprehension variables are read in the element expression, which comes first in the text: bind them from the
        // comprehension's start.
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        const comprehension = node.parent;
        if (left && right && comprehension) this.bindTarget(left, 'loop', node, comprehension, right);
        return;
      }
      case 'named_expression': {
        const name = node.childForFieldName('name');
        const value = node.childForFieldName('value');
        if (name && value)
          this.add(this.scopeOf(node), { kind: 'assignment', name: name.text, at: node.endIndex, value, node });
        return;
      }
      case 'with_item': {
        const value = node.childForFieldName('value');
        if (value?.type === 'as_pattern') {
          const target = value.childForFieldName('alias')?.namedChildren[0] ?? value.namedChildren[1];
          const expression = value.namedChildren[0];
          if (target && expression) this.bindTarget(target, 'with', node, node, expression);
        }
        return;
      }
    }
  }

  private recordTargets(left: Node, right: Node, statement: Node): void {
    if (left.type === 'identifier') {
      this.add(this.scopeOf(statement), {
        kind: 'assignment',
        name: left.text,
        at: statement.endIndex,
        value: right,
        node: statement,
      });
      return;
    }
    if (
      (left.type === 'pattern_list' || left.type === 'tuple_pattern') &&
      (right.type === 'expression_list' || right.type === 'tuple')
    ) {
      const targets = left.namedChildren;
      const values = right.namedChildren;
      if (targets.length !== values.length) return;
      targets.forEach((target, i) => {
        if (target && values[i]) this.recordTargets(target, values[i], statement);
      });
      return;
    }
    if (left.type === 'pattern_list' || left.type === 'tuple_pattern' || left.type === 'list_pattern') {
      if (right.type === 'assignment') {
        // `a, b = c = value`; a half-typed `a, b = c =` has no value yet (and must not recurse on itself).
        const value = right.childForFieldName('right');
        if (value) this.recordTargets(left, value, statement);
        return;
      }
      for (const target of patternIdentifiers(left))
        this.add(this.scopeOf(statement), {
          kind: 'unpack',
          name: target.text,
          at: statement.endIndex,
          value: right,
          node: statement,
        });
      return;
    }
    // Chained assignment: a = b = value.
    if (right.type === 'assignment') {
      const value = right.childForFieldName('right');
      if (value) this.recordTargets(left, value, statement);
    }
  }

  /** The binding of `name` that is in force at `at`: the latest one before it in the same scope, else the module's. */
  bindingAt(name: string, at: Node): Binding | undefined {
    const scope = this.scopeOf(at);
    const local = this.latestBefore(this.bindingsOf(scope, name), at.startIndex);
    if (local !== null) return local;
    if (scope === this.root) return undefined;
    return this.moduleBindingAt(name, at.startIndex);
  }

  /**
   * What `bindingAt` finds for `name` at `at` in a function body whose scopes do not bind it: the module's binding.
   * Module-level names are read when the function runs, so any module binding counts; the last before `at` first.
   */
  moduleBindingAt(name: string, at: number): Binding | undefined {
    const moduleBindings = this.bindingsOf(this.root, name);
    if (!moduleBindings?.length) return undefined;
    return this.latestBefore(moduleBindings, at) ?? moduleBindings[moduleBindings.length - 1];
  }

  /**
   * Every binding of `name` that may be in force at `use`: walking back from the latest one before
   * it, bindings inside a branch that does not also hold `use` (`if`/`else`, `try`, loops) let the
   * earlier ones through; the first binding on the path to `use` ends the walk.
   */
  reachingBindings(name: string, use: Node): Binding[] {
    const scope = this.scopeOf(use);
    let list = this.bindingsOf(scope, name);
    const at = use.startIndex;
    if (!list?.length) {
      if (scope === this.root) return [];
      const binding = this.bindingAt(name, use);
      return binding ? [binding] : [];
    }
    const found: Binding[] = [];
    for (let i = list.length - 1; i >= 0; i--) {
      const binding = list[i];
      if (binding.at >= at) continue;
      found.push(binding);
      if (binding.kind === 'parameter' || dominates(binding.node, use, scope)) return found;
    }
    if (found.length === 0 && scope !== this.root) {
      // Only later local bindings: the name is local and unbound here (or read in a loop); fall back to the module's.
      list = this.bindingsOf(this.root, name);
      const module = this.latestBefore(list, use.startIndex) ?? list?.[list.length - 1];
      return module ? [module] : [];
    }
    return found;
  }

  /**
   * Latest binding before `at`; `null` when the scope has no binding of the name at all, `undefined` when only later
   * ones.
   */
  private latestBefore(list: Binding[] | undefined, at: number): Binding | undefined | null {
    if (!list?.length) return null;
    let found: Binding | undefined;
    for (const binding of list) {
      if (binding.at < at) found = binding;
      else break;
    }
    return found;
  }

  /**
   * The assignment of `use`'s name that reaches it on every path (`x = ...` or `x += ...`), as the
   * control-flow graph shows; undefined when several may, or another kind of definition does.
   */
  reachingAssignment(use: Node): Binding | undefined {
    const binding = this.reachingAssignmentInScope(use);
    // A module name that functions also assign under `global` may hold any of their values.
    if (binding && this.scopeOf(use) !== this.root && this.scopeOf(binding.node) === this.root)
      return this.askTracker((tracker) => tracker.assignedByFunctions(use.text)) ? undefined : binding;
    return binding;
  }

  private reachingAssignmentInScope(use: Node): Binding | undefined {
    // One binding (or none) in the scope leaves no choice: the flow graph is needed only to choose among several,
    // or to see a list or a dict changed in place after it was bound.
    const list = this.bindingsOf(this.scopeOf(use), use.text);
    const [only] = list ?? [];
    if (!only || (list!.length === 1 && !(only.kind === 'assignment' && containerLiterals.has(only.value.type))))
      return this.bindingAt(use.text, use);
    const def = this.askTracker((tracker) => tracker.soleDefinition(use));
    if (def === 'outer' || def === 'unresolved') return this.bindingAt(use.text, use);
    if (!def?.value) return undefined;
    if (def.kind === 'assign' && !def.iterate && !def.path?.length)
      return { kind: 'assignment', name: def.name, at: def.at, value: def.value, node: def.node };
    if (def.kind === 'augmented')
      return {
        kind: 'augmented',
        name: def.name,
        at: def.at,
        value: def.value,
        operator: def.node.childForFieldName('operator')?.text ?? '',
        node: def.node,
      };
    return undefined;
  }

  /** True when `scope` (a function or the module) itself binds `name` somewhere. */
  bindsInScope(name: string, scope: Node): boolean {
    return !!this.bindingsOf(scope, name)?.length;
  }

  /** Every binding of `name` at module level, in order (a function reads them when it runs). */
  moduleBindings(name: string): readonly Binding[] {
    return this.bindingsOf(this.root, name) ?? [];
  }

  /**
   * The statements of the module itself that assign a call to a name (`app = Flask(__name__)`), in the order of the
   * text, each with the name and the call: found among the module's bindings, where walking a long module's
   * statements would cost more on every keystroke. What they depend on is not recorded: for the visits of the module.
   */
  moduleCallAssignments(): { name: string; call: Node }[] {
    const found: { name: string; call: Node }[] = [];
    const take = (name: string, assignment: Node, call: Node) => {
      const statement = assignment.parent;
      if (statement?.type !== 'expression_statement' || statement.parent?.type !== 'module') return;
      if (assignment.childForFieldName('right')?.id !== call.id) return;
      if (assignment.childForFieldName('left')?.type === 'identifier') found.push({ name, call });
    };
    if (this.context) {
      for (const [key, records] of this.context.carried.outerBindings) {
        if (!key.startsWith('-1:')) continue;
        for (const record of records)
          if (record.kind === 'assignment' && record.node.type === 'assignment' && record.value?.type === 'call')
            take(record.name, this.nodeAt(record.node), this.nodeAt(record.value));
      }
    } else {
      for (const [key, list] of this.bindings) {
        if (this.keyScopes.get(key) !== this.root) continue;
        for (const binding of list)
          if (binding.kind === 'assignment' && binding.node.type === 'assignment' && binding.value.type === 'call')
            take(binding.name, binding.node, binding.value);
      }
    }
    return found.sort((a, b) => a.call.startIndex - b.call.startIndex);
  }

  /** True when the name is bound anywhere in the scope of `at` or the module. */
  isBound(name: string, at: Node): boolean {
    return !!this.bindingsOf(this.scopeOf(at), name)?.length || !!this.bindingsOf(this.root, name)?.length;
  }

  // ---- qualified names ----

  /**
   * `from subprocess import run as r; r(...)` → `subprocess.run`; `import os as o; o.path.join` →
   * `os.path.join`; an unshadowed builtin `open` → `builtins.open`. Undefined when not resolvable.
   */
  qualifiedName(node: Node | null | undefined): string | undefined {
    if (!node) return undefined;
    if (node.type === 'identifier') {
      const binding = this.bindingAt(node.text, node);
      if (binding?.kind === 'import') return binding.qualifiedName;
      if (!binding && !this.isBound(node.text, node) && builtinNames.has(node.text)) return `builtins.${node.text}`;
      return undefined;
    }
    if (node.type === 'attribute') {
      const base = this.qualifiedName(node.childForFieldName('object'));
      const attribute = node.childForFieldName('attribute')?.text;
      return base && attribute ? `${base}.${attribute}` : undefined;
    }
    return undefined;
  }

  /**
   * The methods defined in the body of `classNode`, by name (the first definition of each), from one reading of the
   * class body per analysis: every `self.name()` call of a class asks.
   */
  methodsOf(classNode: Node): ReadonlyMap<string, Node> {
    let methods = this.methodIndex.get(classNode.id);
    if (!methods) {
      const found = new Map<string, Node>();
      for (const child of classNode.childForFieldName('body')?.namedChildren ?? []) {
        const fn = child?.type === 'decorated_definition' ? child.childForFieldName('definition') : child;
        const name = fn?.type === 'function_definition' ? fn.childForFieldName('name')?.text : undefined;
        if (fn && name && !found.has(name)) found.set(name, fn);
      }
      methods = found;
      this.methodIndex.set(classNode.id, methods);
    }
    return methods;
  }

  /**
   * Notes that the answer being computed read the statements of the body of `classNode` that assign its attributes
   * (`name = value`; see `classBodyUse`): an edit of the class's statements outside its methods re-checks it.
   */
  readsClassBody(classNode: Node): void {
    this.noteUse(classBodyUse(classNode.childForFieldName('name')?.text ?? ''));
  }

  /**
   * The method `name` of `classNode` (see `methodsOf`), noting that the answer being computed looked it up
   * (`methodUse`): an edit in the method's body, or in its definition, re-checks the answer, as one in a function's
   * re-checks the lookups of its name.
   */
  methodNamed(classNode: Node, name: string): Node | undefined {
    this.noteUse(methodUse(classNode, name));
    return this.methodsOf(classNode).get(name);
  }

  /** Qualified name of a call's callee. */
  calleeName(call: Node): string | undefined {
    // Every rule visits every call and asks this first: resolve each call once per analysis.
    const cached = this.calleeCache.get(call.id);
    if (cached) {
      this.replayUses(cached.uses);
      return cached.name;
    }
    const [name, uses] = this.collectUses(() => this.qualifiedName(call.childForFieldName('function')));
    this.calleeCache.set(call.id, { name, uses });
    return name;
  }

  /**
   * Follows names to the calls that produced them: `conn = sqlite3.connect(p); cur = conn.cursor()`
   * makes `cur` resolve to `sqlite3.connect().cursor()`.
   */
  resolvedPath(node: Node | null | undefined): string | undefined {
    if (!node) return undefined;
    // Rules ask it of the same callees (every call, for several rules): resolved once per node and analysis.
    const cached = this.pathCache.get(node.id);
    if (cached) {
      this.replayUses(cached.uses);
      return cached.path;
    }
    const [path, uses] = this.collectUses(() => this.pathOf(node, 0));
    this.pathCache.set(node.id, { path, uses });
    return path;
  }

  private pathOf(node: Node | null | undefined, depth: number): string | undefined {
    if (!node || depth > MAX_DEPTH) return undefined;
    switch (node.type) {
      case 'identifier': {
        const binding = this.bindingAt(node.text, node);
        if (!binding) return this.qualifiedName(node);
        if (binding.kind === 'import') return binding.qualifiedName;
        if ((binding.kind === 'assignment' || binding.kind === 'with') && binding.value)
          return this.pathOf(binding.value, depth + 1);
        return undefined;
      }
      case 'attribute': {
        const base = this.pathOf(node.childForFieldName('object'), depth + 1);
        const attribute = node.childForFieldName('attribute')?.text;
        return base && attribute ? `${base}.${attribute}` : undefined;
      }
      case 'call': {
        const callee = this.pathOf(node.childForFieldName('function'), depth + 1);
        return callee ? `${callee}()` : undefined;
      }
      case 'parenthesized_expression':
        return this.pathOf(node.namedChildren[0], depth + 1);
      default:
        return undefined;
    }
  }

  // ---- values ----

  /** How a string expression was built: literal text and the holes where other values go in. */
  stringShape(node: Node): StringShape {
    const cached = this.shapeCache.get(node.id);
    if (cached) {
      this.replayUses(cached.uses);
      return cached.shape;
    }
    const [shape, uses] = this.collectUses(() => stringShapeOf(node, this, 0));
    this.shapeCache.set(node.id, { shape, uses });
    return shape;
  }

  /** The Python value `node` computes when it is built from constants (`LIMIT * 3 - 5` with `LIMIT = 20`), else undefined. */
  constantValue(node: Node): Constant | undefined {
    return this.askTracker((tracker) => tracker.constantOf(node));
  }

  /** The value a plain name holds at `node`, when it was assigned exactly once before in reach. */
  assignedValue(identifier: Node): Node | undefined {
    const binding = this.bindingAt(identifier.text, identifier);
    return binding?.kind === 'assignment' ? binding.value : undefined;
  }

  /**
   * How `node` stands for a sink of `kind`: `tainted` (untrusted data from a source reaches it,
   * with the source and the steps on the way), `unknown` (not constant, origin not shown in the
   * file) or `constant`. Computed on demand, per function, and cached on the model.
   */
  taintOf(node: Node, kind?: SinkKind, ignore?: ReadonlySet<SourceFamily>): Taint {
    return this.askTracker((tracker) => tracker.taintOf(node, kind, ignore));
  }

  /** What a function of this file returns, for the analysis of a module that imports it. */
  exportedSummary(fn: Node): Summary | undefined {
    return this.askTracker((tracker) => tracker.exportedSummary(fn));
  }

  /** What a function of this file returning a check proves about its parameter at `index` when it returns true. */
  parameterChecks(fn: Node, index: number): SinkKind[] | 'all' {
    return this.askTracker((tracker) => tracker.parameterChecks(fn, index));
  }

  /** Everything `node` may carry, for the analysis of another module (a call of one of its functions). */
  exportedValue(node: Node): TaintValue {
    return this.askTracker((tracker) => tracker.valueOf(node));
  }

  /**
   * What this model's analysis has computed so far: the function bodies whose nodes it recorded (with carried-over
   * context, only those something asked about), and the taint analysis's work (see `TaintTracker.work`). For the
   * benchmark scripts.
   */
  work(): ModelWork {
    return {
      bodiesRecorded: this.holeScopes.size,
      ...(this.taintTracker?.work() ?? { flowGraphs: 0, fromElsewhere: {} }),
    };
  }

  /**
   * The answer in this version to the question of an answer the previous version kept (see `TaintTracker.answerAgain`).
   * What computing it reads is recorded by no visit.
   */
  answerAgain(question: Pick<CarriedAnswer, 'kind' | 'rest' | 'anchor' | 'holder'>): CarriedAnswer | undefined {
    return this.collectUses(() => this.askTracker((tracker) => tracker.answerAgain(question)), false)[0];
  }

  /**
   * The taint analysis's answers about other functions for the next version of the file: those it computed, and those
   * carried to this one (see `CarriedAnswer`).
   */
  answersForNextVersion(): ReadonlyMap<string, CarriedAnswer> | undefined {
    return this.taintTracker?.answersForNextVersion() ?? this.context?.answers;
  }

  private get tracker(): TaintTracker {
    this.taintTracker ??= new TaintTracker(
      this,
      this.taintOptions,
      this.taintSummaries,
      this.modules,
      this.context?.answers,
      this.context?.answerIds,
    );
    return this.taintTracker;
  }

  /** How deep the computation in progress is inside questions to the taint tracker. */
  private trackerDepth = 0;

  /**
   * Asks the taint tracker. Its answers may depend on the imported modules (the web framework a handler belongs to),
   * so whoever asks records `TAINT_IMPORTS` once, here: an edit that changes what the tracker reads of them
   * (`taintImportsKey`) re-checks the answer; other import edits do not. Inside, its own reads are not recorded again,
   * so what it keeps from one analysis to the next stays free of them.
   */
  private askTracker<T>(ask: (tracker: TaintTracker) => T): T {
    if (this.trackerDepth === 0) this.noteUse(TAINT_IMPORTS);
    this.trackerDepth++;
    try {
      return ask(this.tracker);
    } finally {
      this.trackerDepth--;
    }
  }

  /**
   * Where a value may have come from, in the terms of the first approximation this model had:
   * `request`/`input` for untrusted data, `parameter`, `constant` or `unknown`. Prefer `taintOf`.
   */
  origins(node: Node): Set<Origin> {
    const taint = this.taintOf(node);
    if (taint.level === 'constant') return new Set(['constant']);
    // In this vocabulary a weak source (command line, environment, files, responses) reads like a parameter: medium,
    // not high.
    if (taint.level === 'tainted') return new Set([taint.source?.strength === 'weak' ? 'parameter' : 'request']);
    return new Set([taint.reason?.startsWith('parameter') ? 'parameter' : 'unknown']);
  }
}

/** Values that may change in place after they are bound. */
const containerLiterals: ReadonlySet<string> = new Set([
  'list',
  'dictionary',
  'set',
  'list_comprehension',
  'dictionary_comprehension',
  'set_comprehension',
]);

const branchTypes: ReadonlySet<string> = new Set([
  'if_statement',
  'elif_clause',
  'else_clause',
  'try_statement',
  'except_clause',
  'finally_clause',
  'for_statement',
  'while_statement',
  'match_statement',
  'case_clause',
  'conditional_expression',
  'boolean_operator',
  'list_comprehension',
  'set_comprehension',
  'dictionary_comprehension',
  'generator_expression',
]);

/**
 * True when every branch holding `statement` (below `scope`) also holds `use`: the statement runs before `use` on every
 * path.
 */
function dominates(statement: Node, use: Node, scope: Node): boolean {
  for (let current = statement.parent; current && current.id !== scope.id; current = current.parent) {
    if (!branchTypes.has(current.type)) continue;
    if (!(use.startIndex >= current.startIndex && use.endIndex <= current.endIndex)) return false;
    // Inside the same `if` but in another arm (consequence vs else) does not count as holding.
    if (current.type === 'if_statement') {
      const consequence = current.childForFieldName('consequence');
      const inConsequence = (n: Node) =>
        !!consequence && n.startIndex >= consequence.startIndex && n.endIndex <= consequence.endIndex;
      if (inConsequence(statement) !== inConsequence(use)) return false;
    }
  }
  return true;
}

/** The names a target pattern binds: `a`, `(a, b)`, `[a, *rest]`. */
function patternIdentifiers(pattern: Node): Node[] {
  if (pattern.type === 'identifier') return [pattern];
  if (
    ![
      'pattern_list',
      'tuple_pattern',
      'list_pattern',
      'tuple',
      'list',
      'list_splat_pattern',
      'parenthesized_expression',
      'as_pattern_target',
    ].includes(pattern.type)
  )
    return [];
  return pattern.namedChildren.flatMap((child) => (child ? patternIdentifiers(child) : []));
}

function parameterNameOf(parameter: Node): string | undefined {
  switch (parameter.type) {
    case 'identifier':
      return parameter.text;
    case 'typed_parameter':
    case 'list_splat_pattern':
    case 'dictionary_splat_pattern':
      return parameter.namedChildren.find((child) => child?.type === 'identifier')?.text;
    case 'default_parameter':
    case 'typed_default_parameter':
      return parameter.childForFieldName('name')?.text;
    default:
      return undefined;
  }
}

/**
 * Function and lambda bodies sorted by start (outer first when two start together), each with the index of the body
 * enclosing it.
 */
function spansOf(functions: Node[]): ScopeSpan[] {
  const spans: ScopeSpan[] = [];
  for (const scope of functions) {
    const body = scope.childForFieldName('body');
    if (body) spans.push({ scope, bodyStart: body.startIndex, bodyEnd: body.endIndex, parent: -1 });
  }
  spans.sort((a, b) => a.bodyStart - b.bodyStart || b.bodyEnd - a.bodyEnd);
  const open: number[] = [];
  spans.forEach((span, i) => {
    while (open.length && spans[open[open.length - 1]].bodyEnd < span.bodyEnd) open.pop();
    span.parent = open.length ? open[open.length - 1] : -1;
    open.push(i);
  });
  return spans;
}

/** The index of the innermost body in `spans` (sorted, with parents) that holds [start, end), or -1. */
function innermostIndex(
  spans: readonly { bodyStart: number; bodyEnd: number; parent: number }[],
  start: number,
  end: number,
): number {
  for (let i = partitionPoint(spans, (span) => span.bodyStart <= start) - 1; i >= 0; i = spans[i].parent) {
    if (end <= spans[i].bodyEnd) return i;
  }
  return -1;
}

function innermost(spans: readonly ScopeSpan[], start: number, end: number): ScopeSpan | undefined {
  const index = innermostIndex(spans, start, end);
  return index < 0 ? undefined : spans[index];
}

/** `name` imported from `module`: `os.path` + `join`; `from . import text` gives `.text`, not `..text`. */
function qualifiedIn(module: string, name: string): string {
  return module.endsWith('.') ? `${module}${name}` : `${module}.${name}`;
}

/**
 * The use an answer that read the file's imported modules records (see `SemanticModel.importedModules`): an edit that
 * changes what the file imports re-checks it.
 */
export const IMPORTED_MODULES = '\u0002modules';

/**
 * The use an answer of the taint tracker records (see `SemanticModel.askTracker`): an edit that changes what the
 * tracker reads of the imported modules (`taintImportsKey`) re-checks it.
 */
export const TAINT_IMPORTS = '\u0002taint-imports';

/** A recorded use in words (what a visit that the edit made dirty had read), for the benchmark scripts. */
export function describeUse(use: string): string {
  if (use === IMPORTED_MODULES) return 'the imported modules';
  if (use === TAINT_IMPORTS) return 'the taint analysis (the framework the imports make handlers of)';
  if (use === GLOBAL_DECLARATION) return 'every `global` word';
  if (answerOfUse(use) !== undefined) return 'an answer about other functions';
  const marker = use.charAt(0);
  const rest = use.slice(1);
  if (marker === OCCURRENCE) return `the word \`${rest}\``;
  if (marker === CALL_OCCURRENCE) return `the calls of \`${rest}\``;
  if (marker === METHOD_CALL)
    return rest.startsWith('*.') ? `the calls of \`.${rest.slice(2)}\`` : `the calls of \`${rest}\` on its objects`;
  if (marker === GLOBAL_DECLARATION) return `\`global ${rest}\``;
  if (marker === IMPORTED_MODULE) return `whether \`${rest}\` is imported`;
  if (marker === METHOD) return `the method \`${rest}\``;
  if (marker === CLASS_BODY) return `the body of the class \`${rest}\``;
  return `the name \`${use}\``;
}

/** Marks a use that stands for a method of a class, looked up through the class (`methodNamed`). */
const METHOD = '\u0007';

/**
 * The use recorded by a lookup of the method `name` of the class `classNode` through the class: the class's name and
 * the method's (two classes of a file with the same name share it). An edit in the body of that method, or one that
 * reads again a region holding its definition (before or after the edit), changes it.
 */
export function methodUse(classNode: Node, name: string): string {
  return `${METHOD}${classNode.childForFieldName('name')?.text ?? ''}.${name}`;
}

/** Marks a use that stands for the statements of a class's body outside its methods (`readsClassBody`). */
const CLASS_BODY = '\u0008';

/**
 * The use recorded by a read of the statements of the body of the class named `name` (two classes of a file with
 * the same name share it). An edit that reads again a region that meets the class, before or after the edit,
 * changes it.
 */
export function classBodyUse(name: string): string {
  return CLASS_BODY + name;
}

/** Marks a use that stands for whether one module (or a module inside it) is imported (`importsModule`). */
const IMPORTED_MODULE = '\u0005';

/**
 * Adds to `into` the uses that an edit changing the imported modules from `before` to `after` changes for answers
 * that asked whether a module is imported (`SemanticModel.importsModule`): for each module added or removed, its own
 * name and each package it is inside (`a.b.c`: `a`, `a.b` and `a.b.c`).
 */
export function importChangeUses(before: ReadonlySet<string>, after: ReadonlySet<string>, into: Set<string>): void {
  for (const [from, to] of [
    [before, after],
    [after, before],
  ]) {
    for (const module of from) {
      if (to.has(module)) continue;
      into.add(IMPORTED_MODULE + module);
      for (let at = module.indexOf('.'); at >= 0; at = module.indexOf('.', at + 1))
        into.add(IMPORTED_MODULE + module.slice(0, at));
    }
  }
}

/** Marks a use that stands for the occurrences of a word rather than the bindings of a name. */
const OCCURRENCE = '\u0001';
/**
 * Marks a use that stands for the `global` statements declaring a name (alone: every `global` word of the file, read
 * when the search for them stopped at MAX_GLOBAL_WORDS).
 */
const GLOBAL_DECLARATION = '\u0003';
/** Marks a use that stands for the places written like a call of a name (`name(`, `.name (`). */
const CALL_OCCURRENCE = '\u0004';
/**
 * Marks a use that stands for the calls of a method (`Class.name` after it): the places written like a call of the
 * name in the functions that may name an object of the class. `*.name`: in any function.
 */
const METHOD_CALL = '\u0011';
const WORD = /[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*/gu;
/**
 * Runs of ASCII word characters: `callsNamed` finds a call of a name where the name is followed by an opening
 * parenthesis and preceded by no ASCII word character, so a call of an ASCII name is a whole run followed by `(`.
 */
const ASCII_RUN = /[A-Za-z0-9_]+/g;
const ASCII_WORD = /^[A-Za-z0-9_]+$/;
/** An opening parenthesis after spaces, tested where a word ends. */
const OPENS_CALL = /\s*\(/y;

function opensCall(text: string, at: number): boolean {
  OPENS_CALL.lastIndex = at;
  return OPENS_CALL.test(text);
}

/**
 * Adds to `into` the uses that an edit rewriting `text` (its text before or after the edit) changes for answers that
 * read the occurrences of a word (`SemanticModel.readsOccurrences`): one for each word the text holds; for answers
 * that read the places written like a call of a name (`SemanticModel.readsCalls`), one for each word the text holds
 * followed by `(`; and when the text holds `global` (even inside a longer word: the search for the statements
 * counts those), for answers that read the `global` statements declaring a name
 * (`SemanticModel.readsGlobalDeclarations`), one for each word too.
 */
export function occurrenceUses(text: string, into: Set<string>): void {
  if (NON_ASCII.test(text)) {
    occurrenceUsesOfWords(text, into);
    return;
  }
  // In ASCII text a word is a run of ASCII word characters less its leading digits, and a call of a name a whole run
  // followed by `(`: the runs are read from the characters, without a match object per word.
  const declarations = text.includes('global');
  if (declarations) into.add(GLOBAL_DECLARATION);
  forEachAsciiRun(text, (start, end) => {
    let first = start;
    while (first < end && isDigit(text.charCodeAt(first))) first++;
    if (first === end) return;
    const word = text.slice(first, end);
    into.add(OCCURRENCE + word);
    if (declarations) into.add(GLOBAL_DECLARATION + word);
  });
  forEachAsciiRun(text, (start, end) => {
    if (opensCall(text, end)) into.add(CALL_OCCURRENCE + text.slice(start, end));
  });
}

const NON_ASCII = /[^\0-\x7f]/;

/**
 * Adds to `into` the uses that an edit changes for answers that read the calls of a method (`readsMethodCalls`): for
 * each name of `changed` written like a call (the uses `occurrenceUses` added for the edit's texts), `Class.name` for
 * each class of `related` (those whose objects the functions holding the edit's calls may name), or `*.name` (any
 * class) when `related` is 'any'.
 */
export function methodCallUses(changed: Set<string>, related: Iterable<string> | 'any'): void {
  const names: string[] = [];
  for (const use of changed) if (use.startsWith(CALL_OCCURRENCE)) names.push(use.slice(1));
  if (related === 'any') {
    for (const name of names) changed.add(`${METHOD_CALL}*.${name}`);
    return;
  }
  for (const className of related) for (const name of names) changed.add(`${METHOD_CALL}${className}.${name}`);
}

/**
 * Adds to `changed` the uses `*.name` (see `methodCallUses`) for the calls in `text` whose receiver may be a variable
 * of the module bound to an object of any class: `receiver.name(` with `boundToCall(receiver)`, a receiver or a dot the
 * text does not show on the call's line (a line break, a continuation or a comment between), or any call when the text
 * is not ASCII. `text` starts at a statement's start (a function's body).
 */
export function moduleReceiverCallUses(
  text: string,
  boundToCall: (name: string) => boolean,
  changed: Set<string>,
): void {
  const add = (name: string) => changed.add(`${METHOD_CALL}*.${name}`);
  if (NON_ASCII.test(text)) {
    const uses = new Set<string>();
    occurrenceUses(text, uses);
    for (const use of uses) if (use.startsWith(CALL_OCCURRENCE)) add(use.slice(1));
    return;
  }
  forEachAsciiRun(text, (start, end) => {
    if (!opensCall(text, end)) return;
    let at = lastBefore(text, start);
    // First in the text, which starts a statement: a plain call.
    if (at < 0) return;
    if (text.charCodeAt(at) !== 46) {
      // The dot may be on a line before (inside brackets, or after a continuation), comments between.
      const code = text.charCodeAt(at);
      if (code !== 10 && code !== 13 && code !== 92) return;
      while (at >= 0 && (isSpaceOrLineBreak(text.charCodeAt(at)) || text.charCodeAt(at) === 92)) at--;
      if (at >= 0 && text.charCodeAt(at) !== 46 && !commentOnLine(text, at)) return;
      add(text.slice(start, end));
      return;
    }
    at = lastBefore(text, at);
    const code = at < 0 ? -1 : text.charCodeAt(at);
    // ) ] } " ': the object is not a name.
    if (code === 41 || code === 93 || code === 125 || code === 34 || code === 39) return;
    if (code < 0 || !isAsciiWordCharacter(code)) {
      add(text.slice(start, end));
      return;
    }
    let first = at;
    while (first > 0 && isAsciiWordCharacter(text.charCodeAt(first - 1))) first--;
    const before = lastBefore(text, first);
    // `a.b.name(`: the object is an attribute; `1.name(`: a number.
    if ((before >= 0 && text.charCodeAt(before) === 46) || isDigit(text.charCodeAt(first))) return;
    if (boundToCall(text.slice(first, at + 1))) add(text.slice(start, end));
  });
}

/** Whether the line holding `at` (up to `at`, after the last `\n` before it) holds a `#`: read back to that line's start only. */
function commentOnLine(text: string, at: number): boolean {
  for (let i = at; i >= 0; i--) {
    const code = text.charCodeAt(i);
    if (code === 35) return true;
    if (code === 10) return false;
  }
  return false;
}

function isSpaceOrLineBreak(code: number): boolean {
  return code === 32 || code === 9 || code === 12 || code === 10 || code === 13;
}

/** The offset of the last character before `start` other than a space, a tab or a form feed (-1: none). */
function lastBefore(text: string, start: number): number {
  let at = start - 1;
  while (at >= 0 && (text.charCodeAt(at) === 32 || text.charCodeAt(at) === 9 || text.charCodeAt(at) === 12)) at--;
  return at;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Calls `visit` with the bounds of each run of ASCII word characters (`ASCII_RUN`), in order. */
function forEachAsciiRun(text: string, visit: (start: number, end: number) => void): void {
  for (let at = 0; at < text.length;) {
    if (!isAsciiWordCharacter(text.charCodeAt(at))) {
      at++;
      continue;
    }
    const start = at;
    while (at < text.length && isAsciiWordCharacter(text.charCodeAt(at))) at++;
    visit(start, at);
  }
}

/** `occurrenceUses` for any text, with the Unicode definition of a word. */
function occurrenceUsesOfWords(text: string, into: Set<string>): void {
  const declarations = text.includes('global');
  if (declarations) into.add(GLOBAL_DECLARATION);
  for (const match of text.matchAll(WORD)) {
    const word = match[0];
    into.add(OCCURRENCE + word);
    if (declarations) into.add(GLOBAL_DECLARATION + word);
    // Past a non-ASCII letter the search for calls may match any tail of the word: every tail counts.
    if (!ASCII_WORD.test(word) && opensCall(text, match.index + word.length))
      for (let at = 0; at < word.length; at++) into.add(CALL_OCCURRENCE + word.slice(at));
  }
  for (const match of text.matchAll(ASCII_RUN))
    if (opensCall(text, match.index + match[0].length)) into.add(CALL_OCCURRENCE + match[0]);
}

export function refOf(node: Node): NodeRef {
  return { type: node.type, start: node.startIndex, end: node.endIndex };
}

function recordOf(binding: Binding): BindingRecord {
  const record: BindingRecord = { kind: binding.kind, name: binding.name, at: binding.at, node: refOf(binding.node) };
  if ('value' in binding && binding.value) record.value = refOf(binding.value);
  if (binding.kind === 'import') record.qualifiedName = binding.qualifiedName;
  if (binding.kind === 'augmented') record.operator = binding.operator;
  if (binding.kind === 'function' || binding.kind === 'class') {
    const name = binding.node.childForFieldName('name');
    if (name) record.nameAt = name.startIndex;
  }
  if (binding.kind === 'class') {
    const body = binding.node.childForFieldName('body');
    if (body) record.bodyStart = body.startIndex;
  }
  return record;
}

/** The modules an import statement adds to `importedModules` (as the model records them). */
export function modulesImportedBy(node: Node): string[] {
  if (node.type === 'import_from_statement') {
    const module = node.childForFieldName('module_name');
    return module ? [module.text] : [];
  }
  const modules: string[] = [];
  for (const child of node.namedChildren) {
    if (child?.type === 'dotted_name') modules.push(child.text);
    else if (child?.type === 'aliased_import') modules.push(child.childForFieldName('name')?.text ?? '');
  }
  return modules;
}
