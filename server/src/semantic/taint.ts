import type { Node } from '../parser/parser';
import type { Binding, SemanticModel } from './model';
import {
  SinkKind,
  SourceFamily,
  TaintOptions,
  cliParsers,
  familyStrength,
  fileOpeners,
  fileReadMethods,
  httpClientPrefixes,
  requestDataAttributes,
  requestObjects,
  responseBodyMembers,
  routeDecorators,
  safeConverters,
  safeUrlChecks,
  sanitizeAll,
  sanitizeFor,
  socketReads,
  sourceCalls,
  sanitizingAttributes,
  sourceValues,
  transparentMethods,
} from './taintCatalog';
import {
  Constant,
  ConstantEnvironment,
  equalConstants,
  evaluate,
  indexIn,
  intOf,
  keyOf,
  sliceBounds,
  truthy,
} from './dataflow/constants';
import { Definition, Edge, Fact, FlowGraph, PathStep, matchSubjects } from './dataflow/flow';
import { Summary, TaintSummaryCache } from './dataflow/summaries';
import {
  classMethod,
  classOfMethod,
  definitionStatement,
  onlyCalled,
  outermostFunction,
  parameterNodes,
  staticMethod,
} from './dataflow/callSites';
import type { ModuleContext, ModuleFunction } from './crossModule';
import {
  decoders,
  exitCalls,
  exitNames,
  keepsSafeCharacters,
  allowedCharacters,
  scalarMethods,
  scalarTypes,
} from './dataflow/transforms';
import {
  Contribution,
  FlowStep,
  Item,
  TaintSource,
  TaintValue,
  constant,
  joinTaint,
  mapping,
  mergeAlternatives,
  movedValue,
  noKinds,
  sameTaint,
  sanitized,
  sequence,
  signatureOf,
  unsanitized,
  withStep,
  withoutShape,
} from './dataflow/value';

export type { Contribution, FlowStep, TaintSource, TaintValue };
export { joinTaint };
export { TaintSummaryCache };

/** The answer to "is this expression safe for this sink?". */
export interface Taint {
  /**
   * `tainted`: untrusted data reaches it; `unknown`: not constant, origin not shown in the file; `constant`: nothing to
   * report.
   */
  level: 'tainted' | 'unknown' | 'constant';
  source?: TaintSource;
  reason?: string;
  steps: readonly FlowStep[];
}

const MAX_DEPTH = 60;
const MAX_SUMMARY_DEPTH = 4;
/** How many callers up a parameter is followed (a parameter of the caller, of its caller...). */
const MAX_CALLER_DEPTH = 3;
/** Past this many calls of one function in the file, the others are not looked at. */
const MAX_CALL_SITES = 32;
/** Times a definition inside a loop is recomputed until what it carries settles. */
const MAX_ROUNDS = 4;

const numericConversions: ReadonlySet<string> = new Set(['d', 'i', 'u', 'f', 'F', 'e', 'E', 'g', 'G', 'x', 'X', 'o']);
const numericFormat = /^:.*[dfFeEgGxXobn%]$/;
const comprehensions: ReadonlySet<string> = new Set([
  'list_comprehension',
  'set_comprehension',
  'dictionary_comprehension',
  'generator_expression',
]);
/** The sink kinds a check with `$` (which admits a trailing line break) still makes safe. */
const lineKinds: readonly SinkKind[] = ['sql', 'shell', 'code', 'path', 'url', 'redirect', 'html', 'template', 'xml'];

const short = (text: string) => {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 40 ? `${flat.slice(0, 37)}...` : flat;
};

/** Where a function's definition and its body start (what a carried answer about it is anchored to). */
function anchorOf(fn: Node): { start: number; bodyStart: number } {
  return { start: fn.startIndex, bodyStart: fn.childForFieldName('body')?.startIndex ?? fn.endIndex };
}

/** Where a function holding calls starts (its decorators included) and ends (what a part of an answer is kept with). */
function holderOf(fn: Node): { start: number; end: number } {
  const definition = definitionStatement(fn);
  return { start: definition.startIndex, end: definition.endIndex };
}

/** The same contributions with every offset moved by `delta` (summaries are stored relative to their function). */
function shifted(value: TaintValue, delta: number): TaintValue {
  const flat = withoutShape(value);
  if (delta === 0 || flat.contributions.length === 0) return flat;
  return movedValue(flat, (offset) => offset + delta)!;
}

/**
 * An answer about other functions of the file (what the calls of a function pass for a parameter, what `self.x` holds
 * when a method starts, what the functions that declare a global assign to it) kept for the file's next version:
 * `kind` and `rest` name the question, `anchor` the function it is about (where its definition and its body start;
 * none for a global), `uses` what computing it read. The next version takes it instead of computing it again when the
 * edit changed nothing it read (see `keepAnswers` in incremental.ts).
 */
export interface CarriedAnswer {
  /**
   * Names the answer from one version to the next, whatever its places: what asks it records `answerUse(id)` instead
   * of what computing it read, so an edit that changes what it read re-checks what asked it only when the answer
   * changed (see `dependentVisits` in incremental.ts). An answer computed again for the same question keeps the id.
   */
  id: number;
  kind: 'callers' | 'attribute' | 'global';
  rest: string;
  anchor?: { start: number; bodyStart: number };
  /**
   * For the part of an answer that one function holds (what its calls of the function the answer is about pass, or
   * the object they are made on): that function, inside no other, from its header to its end. Its text is read, so
   * the part is dropped when the text read again meets it.
   */
  holder?: { start: number; end: number };
  value: TaintValue;
  uses?: ReadonlySet<string>;
  /**
   * For an answer kept through an edit that may have changed answers it asked (see `keepAnswers` in incremental.ts):
   * those answers, each with its question and value in this version's places. The answer holds when asking each again
   * gives the same answer (id and value); else it is computed again. One not asked in the version it is kept for goes
   * on to the next only if the answers it names were asked again and held.
   */
  conditions?: readonly AnswerCondition[];
}

/** An answer another was kept on the condition of (see `CarriedAnswer.conditions`). */
export interface AnswerCondition {
  id: number;
  question: Pick<CarriedAnswer, 'kind' | 'rest' | 'anchor' | 'holder'>;
  value: TaintValue;
}

/** Marks the use of a carried answer (`CarriedAnswer.id`). */
const ANSWER = '\u000e';

let lastAnswerId = 0;

/** The use recorded by what asks the carried answer `id`, as a set (what a cache replays). */
function answerUses(id: number): ReadonlySet<string> {
  return new Set([answerUse(id)]);
}

/** The use recorded by what asks the carried answer `id`. */
export function answerUse(id: number): string {
  return `${ANSWER}${id}`;
}

/** The id of the carried answer a use names, or undefined for another use. */
export function answerOfUse(use: string): number | undefined {
  return use.charAt(0) === ANSWER ? Number(use.slice(1)) : undefined;
}

/**
 * For a method other than `__init__`, the name of its class: its calls are those of the method on the class's objects
 * (`SemanticModel.readsMethodCalls`). Undefined for a function, or an `__init__`, whose calls are those of a name.
 */
function methodCallsClass(fn: Node): string | undefined {
  if (fn.childForFieldName('name')?.text === '__init__') return undefined;
  return classOfMethod(fn)?.childForFieldName('name')?.text;
}

/** What names a carried answer's question in the version it is kept for. */
export function carriedAnswerKey(answer: Pick<CarriedAnswer, 'kind' | 'rest' | 'anchor' | 'holder'>): string {
  return `${answer.kind}:${answer.anchor?.start ?? ''}:${answer.holder?.start ?? ''}:${answer.rest}`;
}

/** `calls` (in the order of the text) by the function inside no other that holds them, in the same order. */
function byHolder(calls: readonly Node[]): [Node | undefined, Node[]][] {
  const groups: [Node | undefined, Node[]][] = [];
  for (const call of calls) {
    const holder = outermostFunction(call);
    const last = groups[groups.length - 1];
    if (last && last[0]?.id === holder?.id) last[1].push(call);
    else groups.push([holder, [call]]);
  }
  return groups;
}

/** A cached answer and the names computing it looked up. */
interface Recorded<T> {
  value: T;
  uses?: ReadonlySet<string>;
}

/** A computed value with what it read: names outside every function body, and whether it left its function. */
interface CheckAnswer {
  kinds: SinkKind[] | 'all';
  external: boolean;
  uses?: ReadonlySet<string>;
}

interface Cached {
  value: TaintValue;
  external: boolean;
  uses?: ReadonlySet<string>;
  /**
   * How many levels of `TaintTracker.valueOf` below the level it was asked at its computation went (see
   * `TaintTracker.deepest`): asked deeper than the depth limit allows for that, it is computed again.
   */
  height?: number;
}

/**
 * An answer computed while a loop's first definition (its head, by its index in `TaintTracker.active`) was still
 * being computed, in the head's round `round`: valid until the head starts its next round.
 */
type Provisional<T> = T & { head: number; round: number };

/** The flow graph of one scope, with the values of its definitions as they are asked for. */
interface ScopeFlow {
  graph: FlowGraph;
  /** Names read while building the graph (what an exit call resolves to): every answer from it depends on them. */
  buildUses?: ReadonlySet<string>;
  solveUses: Map<string, ReadonlySet<string> | undefined>;
  values: Map<number, Cached>;
  /** Definitions being computed, by their depth in `TaintTracker.active` (a loop reads its own definitions). */
  progress: Map<number, number>;
  partial: Map<number, TaintValue>;
  /**
   * Values of definitions inside a loop's cycle, computed while the cycle's first definition (its head) is still being
   * computed: valid until the head starts its next round. Without them every definition of a cycle recomputes every
   * other one on each request, which grows with the number of orderings (a loop of six `list.remove` calls never ends).
   */
  provisional: Map<number, Provisional<Cached>>;
}

/** The web framework whose handlers a file with these imports holds (the family of its request data). */
function frameworkOfModules(modules: Iterable<string>): SourceFamily {
  const list = [...modules];
  if (list.some((m) => m.startsWith('fastapi') || m.startsWith('starlette'))) return 'fastapi';
  if (list.some((m) => m.startsWith('django') || m.startsWith('rest_framework'))) return 'django';
  if (list.some((m) => m.startsWith('aiohttp'))) return 'aiohttp';
  return 'flask';
}

function importsAiohttp(modules: ReadonlySet<string>): boolean {
  return modules.has('aiohttp');
}

/**
 * What the taint analysis's answers depend on of the modules a file imports (the tracker reads them only through
 * `frameworkOf`, the aiohttp test and its summary cache's key, which holds the whole set and is only the more
 * cautious for it): two sets of imports with the same key get the same answers from it, so an edit that changes the
 * imports but not the key re-checks none of them (see `SemanticModel.askTracker`).
 */
export function taintImportsKey(modules: ReadonlySet<string>): string {
  return `${frameworkOfModules(modules)}:${importsAiohttp(modules)}`;
}

/**
 * Flow-sensitive taint tracking over the semantic model. Asked about an expression, it takes the
 * definitions that reach each name along the control-flow graph of its function (branches whose
 * condition is constant are not followed; checks on the way, like `if x not in ALLOWED: return`,
 * count), follows containers element by element, and goes on to sources (request data, `input()`,
 * ...), constants, or values of unknown origin, noting sanitizers on the way. Answers are computed
 * on demand and cached per node, so only the functions rules ask about are analysed.
 */
export class TaintTracker {
  /** Each node's value, and whether it depends on anything outside its function's own text. */
  private readonly cache = new Map<number, Cached>();
  /**
   * Values of nodes computed while a loop's definitions were still settling (a condition in the loop read them): kept
   * for the round of the loop's head, so the other definitions of the loop asking again in that round do not recompute
   * them (a `while` of fifty `elif self.state == ...` branches otherwise recomputes each condition per definition).
   */
  private readonly provisionalCache = new Map<number, Provisional<Cached>>();
  /** Set while computing a value that reads something outside the enclosing function. */
  private external = false;
  private contextKey: string | undefined;
  private readonly summaries = new Map<number, Summary>();
  private readonly handlers = new Map<number, Recorded<Map<string, 'tainted' | 'safe'> | undefined>>();
  /** The outer names each computed summary looked up (passed on whenever the summary is used again). */
  private readonly summaryUses = new Map<number, ReadonlySet<string> | undefined>();
  private readonly flows = new Map<number, ScopeFlow>();
  private readonly checkCache = new Map<string, CheckAnswer>();
  private readonly provisionalChecks = new Map<string, Provisional<CheckAnswer>>();
  private readonly conditions = new Map<number, Recorded<boolean | undefined>>();
  /** What the calls in this file pass for a parameter, by function, depth and parameter. */
  private readonly callerValues = new Map<string, Recorded<TaintValue>>();
  /** What functions of this file assign to a module name they declare `global`, by name. */
  private readonly globalValues = new Map<string, Recorded<TaintValue>>();
  private readonly globalWriterLists = new Map<string, Recorded<readonly Node[]>>();
  /** What `self.attribute` holds when a method starts, by method and attribute. */
  private readonly attributeValues = new Map<string, Recorded<TaintValue>>();
  private readonly selfWriters = new Map<number, boolean>();
  /** What a variable of a function holds when the functions nested in it read it, by function and name. */
  private readonly closureValues = new Map<string, Recorded<TaintValue>>();
  /**
   * Answers about other functions being computed, by key, with their level in `active`: a read that comes back to
   * itself gives nothing more, and what it gives holds only until the answer is done.
   */
  private readonly pendingReads = new Map<string, number>();
  /** Answers about other functions computed from one still being computed (see `fromElsewhere`), by cache and key. */
  private readonly provisionalReads = new Map<
    Map<string, Recorded<unknown>>,
    Map<string, Provisional<Recorded<unknown>>>
  >();
  /** Summaries being computed, by function, with their level in `active` (recursion reads one unfinished). */
  private readonly pendingSummaries = new Map<number, number>();
  /** The levels in `active` of the summaries being computed, outermost first. */
  private readonly summaryLevels: number[] = [];
  /**
   * Summaries computed from one still being computed (mutual recursion) or cut at the depth limit below another: they
   * depend on where they were asked from, so they are kept for the round of that one only and computed again when
   * asked afresh. Otherwise a function's summary, and every finding it reaches, would depend on which of the functions
   * of a cycle the rules happened to ask about first.
   */
  private readonly provisionalSummaries = new Map<number, Provisional<Recorded<Summary>>>();
  private readonly extraSources: ReadonlySet<string>;
  private readonly extraSanitizers: ReadonlySet<string>;
  private depth = 0;
  /**
   * The deepest level of `valueOf` the current computation has reached, counting a value taken from a cache as reaching
   * as far below as its own computation did. A value is taken from a cache only where the depth limit would not have cut
   * computing it afresh, so what is found does not depend on which chain asked first: a longer chain asked after a
   * shorter one is cut where it is cut when asked alone.
   */
  private deepest = 0;
  /**
   * The level in `active` of the outermost value being computed: a value cut at the depth limit below it is kept for
   * its round only (asked from elsewhere, the same value is cut elsewhere, or not at all).
   */
  private questionLevel = 0;
  private summaryDepth = 0;
  private validatorDepth = 0;
  /** How many definitions are being computed (their values are provisional until it drops below them). */
  private active = 0;
  /** The shallowest definition in progress the computation under way read (Infinity: none). */
  private lowest = Infinity;
  /** The round each active definition (by its index in `active`) is in: provisional values name the round of their head. */
  private readonly rounds: number[] = [];
  private roundCounter = 0;
  private readonly environment: ConstantEnvironment = {
    name: (identifier, depth) => this.constantName(identifier, depth),
    builtin: (identifier) => !this.model.isBound(identifier.text, identifier),
  };

  constructor(
    private readonly model: SemanticModel,
    private readonly options: TaintOptions,
    private readonly summaryCache?: TaintSummaryCache,
    /** The file's path and the analysis of the workspace modules it imports (calls that cross files). */
    private readonly modules?: ModuleContext,
    /** The answers about other functions the previous version's analysis kept for this one, by `carriedAnswerKey`. */
    private readonly carriedAnswers?: ReadonlyMap<string, CarriedAnswer>,
    /**
     * The ids of the answers the previous version had to questions it did not keep the answers of (the edit may have
     * changed them), by `carriedAnswerKey` in this version: an answer computed again for one of them keeps its id.
     */
    private readonly answerIds?: ReadonlyMap<string, number>,
  ) {
    this.extraSources = new Set(options.extraSources);
    this.extraSanitizers = new Set(options.extraSanitizers);
    this.answersToCarry = new Map(carriedAnswers);
  }

  /** The answers about other functions kept for the next version: those carried here, and those computed here. */
  private readonly answersToCarry: Map<string, CarriedAnswer>;
  /** Answers taken from the previous version, by kind (for `work`). */
  private readonly answersReused = new Map<CarriedAnswer['kind'], number>();

  /** Whether each answer asked again as a condition of another (`CarriedAnswer.conditions`) held, by id. */
  private readonly conditionsAsked = new Map<number, boolean>();
  /** The answers being computed, by `carriedAnswerKey`. */
  private readonly computingAnswers = new Set<string>();

  /**
   * The answers about other functions this analysis keeps for the next version of the file (see `CarriedAnswer`). An
   * answer kept on conditions that nothing asked goes on when every answer it names was asked again and held (what
   * asks it named them too, so they went on), and is dropped otherwise.
   */
  answersForNextVersion(): ReadonlyMap<string, CarriedAnswer> {
    for (const [key, answer] of this.answersToCarry) {
      if (!answer.conditions) continue;
      if (answer.conditions.every((condition) => this.conditionsAsked.get(condition.id)))
        this.answersToCarry.set(key, { ...answer, conditions: undefined });
      else this.answersToCarry.delete(key);
    }
    return this.answersToCarry;
  }

  /** What this tracker has computed so far (see `SemanticModel.work`). */
  work(): { flowGraphs: number; fromElsewhere: Record<string, number> } {
    const reused = (kind: CarriedAnswer['kind']) => this.answersReused.get(kind) ?? 0;
    return {
      flowGraphs: this.flows.size,
      fromElsewhere: {
        callers: this.callerValues.size - reused('callers'),
        attribute: this.attributeValues.size - reused('attribute'),
        global: this.globalValues.size - reused('global') + this.globalWriterLists.size,
        closure: this.closureValues.size,
        'kept from the previous version': [...this.answersReused.values()].reduce((sum, n) => sum + n, 0),
      },
    };
  }

  /**
   * How `node` stands for a sink of `kind`: the strongest contribution no sanitizer made safe for it (sources of
   * `ignore`d families left out).
   */
  taintOf(node: Node, kind?: SinkKind, ignore?: ReadonlySet<SourceFamily>): Taint {
    let value = this.valueOf(node);
    if (value.contributions.length === 0) return { level: 'constant', steps: [] };
    // A sink in code that cannot run (a dead branch, after a `return`) receives nothing.
    const scope = this.model.scopeOf(node);
    if (scope.type === 'function_definition') {
      const flow = this.flowOf(scope);
      if (!this.solving(flow, '\u0000', () => flow.graph.reachable(node))) return { level: 'constant', steps: [] };
      value = this.withWorkspaceCallers(value, scope);
    }
    // Values stay symbolic in the parameters of their function (summaries need that); the sink takes the callers'.
    value = this.withCallers(value, node, 0, false);
    for (const c of value.contributions) {
      if (kind && c.sanitizedFor.has(kind)) continue;
      if (ignore && c.source && ignore.has(c.source.family)) continue;
      return { level: c.level, source: c.source, reason: c.reason, steps: c.steps };
    }
    return { level: 'constant', steps: [] };
  }

  /**
   * `value` at a sink in `fn`, with what it takes from `fn`'s parameters resolved through the calls of `fn` in other
   * modules of the workspace: each caller's argument, made safe for what the function's own code made the parameter
   * safe for, with its steps then the function's. The parameter's own contribution stays (other callers may exist).
   * Only here, at the sink: a summary of `fn` keeps its parameters symbolic, so one caller's data never reaches another.
   */
  private withWorkspaceCallers(value: TaintValue, fn: Node): TaintValue {
    const modules = this.modules;
    if (!modules?.path || !value.contributions.some((c) => c.level === 'unknown' && c.parameter !== undefined))
      return value;
    const target = this.exportedFunction(fn);
    if (!target) return value;
    const parameters = (fn.childForFieldName('parameters')?.namedChildren ?? [])
      .filter((p): p is Node => !!p)
      .map((p) => parameterName(p));
    const parts: TaintValue[] = [];
    for (const c of value.contributions) {
      parts.push({ contributions: [c] });
      const index = c.parameter === undefined || c.level !== 'unknown' ? -1 : parameters.indexOf(c.parameter);
      if (index < 0) continue;
      const callers = modules.analysis.callerValues(modules.path, target, index, c.parameter!, this.options);
      if (callers.contributions.length === 0) continue;
      parts.push(
        sanitized(
          {
            contributions: callers.contributions.map((caller) => ({ ...caller, steps: [...caller.steps, ...c.steps] })),
          },
          [...c.sanitizedFor],
        ),
      );
    }
    return joinTaint(...parts);
  }

  /** `fn` as other modules name it: a function of the module, or a method of one of its classes. */
  private exportedFunction(fn: Node): ModuleFunction | undefined {
    const name = fn.childForFieldName('name')?.text;
    if (!name || !this.modules?.path) return undefined;
    const holder = fn.parent?.type === 'decorated_definition' ? fn.parent.parent : fn.parent;
    if (holder?.type === 'module') return { path: this.modules.path, name, bound: false };
    const classNode = holder?.type === 'block' ? holder.parent : undefined;
    const classHolder =
      classNode?.parent?.type === 'decorated_definition' ? classNode.parent.parent : classNode?.parent;
    if (classNode?.type !== 'class_definition' || classHolder?.type !== 'module') return undefined;
    const className = classNode.childForFieldName('name')?.text;
    return className ? { path: this.modules.path, name, className, bound: true } : undefined;
  }

  /** The Python value `node` computes when it is constant (`LIMIT * 3 - 5` with `LIMIT = 20` bound once). */
  constantOf(node: Node | null | undefined): Constant | undefined {
    return node ? evaluate(node, this.environment) : undefined;
  }

  valueOf(node: Node): TaintValue {
    const cached =
      this.reachable(this.cache.get(node.id)) ??
      this.stillProvisional(this.reachable(this.provisionalCache.get(node.id)));
    if (cached) return this.reused(cached);
    if (this.depth > MAX_DEPTH) {
      this.deepest = Math.max(this.deepest, this.depth);
      this.external = true;
      // How deep the cut is depends on where the question started: what rests on it holds for that question only.
      this.lowest = Math.min(this.lowest, this.questionLevel);
      return this.unknown(node, `\`${short(node.text)}\``);
    }
    const outer = this.external;
    const outerLowest = this.lowest;
    const outerDeepest = this.deepest;
    this.external = false;
    this.lowest = Infinity;
    this.deepest = this.depth;
    // The outermost value asked for is a level of its own in `active` (see `questionLevel`).
    const question = this.depth === 0;
    if (question) {
      this.questionLevel = this.active++;
      this.rounds[this.questionLevel] = ++this.roundCounter;
    }
    this.depth++;
    let value: TaintValue;
    let uses: ReadonlySet<string> | undefined;
    try {
      [value, uses] = this.model.collectUses(() => this.compute(node));
    } finally {
      this.depth--;
      if (question) this.active--;
    }
    const external = this.external;
    const height = this.deepest - this.depth;
    // A value read from a definition still being computed (a loop), or cut at the depth limit, is provisional: not kept.
    if (this.lowest === Infinity) {
      this.cache.set(node.id, { value, external, uses, height });
      this.provisionalCache.delete(node.id);
    } else this.provisionalCache.set(node.id, this.provisionally({ value, external, uses, height }));
    this.external = outer || external;
    this.lowest = Math.min(outerLowest, this.lowest);
    this.deepest = Math.max(outerDeepest, this.deepest);
    return value;
  }

  /** A value taken from a cache: what computing it read and how deep it went count as read and reached here. */
  private reused(entry: Cached): TaintValue {
    if (entry.external) this.external = true;
    this.model.replayUses(entry.uses);
    this.deepest = Math.max(this.deepest, this.depth + (entry.height ?? 0));
    return entry.value;
  }

  /** `entry` when computing it afresh from the current level would not reach past the depth limit, else undefined. */
  private reachable<T extends Cached>(entry: T | undefined): T | undefined {
    return entry && this.depth + (entry.height ?? 0) <= MAX_DEPTH ? entry : undefined;
  }

  private unknown(node: Node, reason: string, parameter?: string): TaintValue {
    return { contributions: [{ level: 'unknown', reason, steps: [], sanitizedFor: noKinds, parameter }] };
  }

  private source(family: SourceFamily, label: string, node: Node): TaintValue {
    if (!this.options.sources[family]) return this.unknown(node, `\`${short(node.text)}\``);
    const strength = familyStrength[family];
    const step: FlowStep = {
      start: node.startIndex,
      end: node.endIndex,
      message: `untrusted data enters from ${label.includes('`') ? label : `\`${label}\``}`,
    };
    return {
      contributions: [
        {
          level: 'tainted',
          source: { family, strength, label, start: node.startIndex, end: node.endIndex },
          steps: [step],
          sanitizedFor: noKinds,
        },
      ],
    };
  }

  private children(node: Node, skip?: (child: Node) => boolean): TaintValue {
    const parts: TaintValue[] = [];
    for (const child of node.namedChildren) {
      if (!child || child.type === 'comment' || skip?.(child)) continue;
      parts.push(this.valueOf(child));
    }
    return joinTaint(...parts);
  }

  private compute(node: Node): TaintValue {
    switch (node.type) {
      case 'integer':
      case 'float':
      case 'true':
      case 'false':
      case 'none':
      case 'ellipsis':
      case 'string_content':
      case 'escape_sequence':
      case 'comparison_operator':
      case 'not_operator':
      case 'lambda':
      case 'type':
        return constant;
      case 'string':
        return this.children(node, (child) => child.type !== 'interpolation');
      case 'interpolation': {
        const expression = node.childForFieldName('expression');
        const value = expression ? this.valueOf(expression) : constant;
        const conversion = node.childForFieldName('type_conversion')?.text;
        // `{n:d}`, `{x:.2f}`: a numeric format admits numbers only (anything else raises).
        if (!conversion && numericFormat.test(node.childForFieldName('format_specifier')?.text ?? '')) return constant;
        return conversion === '!r' || conversion === '!a' ? sanitized(value, ['log']) : withoutShape(value);
      }
      case 'identifier':
        return this.identifier(node);
      case 'attribute':
        return this.attribute(node);
      case 'subscript':
        return this.subscript(node);
      case 'call':
        return this.call(node);
      case 'conditional_expression': {
        // `a if cond else b`: the value is one of the two arms, never the condition; a constant condition picks one.
        const [consequence, condition, alternative] = node.namedChildren;
        const test = condition ? this.conditionValue(condition) : undefined;
        const arms: TaintValue[] = [];
        if (test !== false && consequence) arms.push(this.valueOf(consequence));
        if (test !== true && alternative) arms.push(this.valueOf(alternative));
        return mergeAlternatives(arms);
      }
      case 'boolean_operator': {
        // `DEBUG and x`: a constant left side decides which side is the value.
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        const known = this.constantOf(left);
        if (known && right) {
          const and = node.childForFieldName('operator')?.text === 'and';
          return truthy(known) === and ? this.valueOf(right) : constant;
        }
        return this.children(node);
      }
      case 'list_comprehension':
      case 'set_comprehension':
      case 'generator_expression':
      case 'dictionary_comprehension': {
        const body = node.childForFieldName('body');
        return body ? withoutShape(this.valueOf(body)) : constant;
      }
      case 'assignment': {
        const right = node.childForFieldName('right');
        return right ? this.valueOf(right) : constant;
      }
      case 'named_expression': {
        const value = node.childForFieldName('value');
        return value ? this.valueOf(value) : constant;
      }
      case 'keyword_argument': {
        const value = node.childForFieldName('value');
        return value ? this.valueOf(value) : constant;
      }
      case 'parenthesized_expression': {
        const inner = node.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
        return inner.length === 1 ? this.valueOf(inner[0]) : this.children(node);
      }
      case 'list':
      case 'tuple':
      case 'expression_list':
        return this.sequenceLiteral(node);
      case 'dictionary':
        return this.dictionaryLiteral(node);
      case 'binary_operator': {
        const operator = node.childForFieldName('operator')?.text;
        if (operator === '%') {
          const shape = this.model.stringShape(node);
          if (shape.isString && shape.exact && shape.holes.every((hole) => hole.via === 'percent')) {
            // `"%d" % n`: numeric conversions admit numbers only; `%r` quotes the value.
            return joinTaint(
              ...shape.holes
                .filter((hole) => !numericConversions.has(hole.conversion ?? ''))
                .map((hole) =>
                  hole.conversion === 'r' || hole.conversion === 'a'
                    ? sanitized(this.valueOf(hole.expression), ['log'])
                    : this.valueOf(hole.expression),
                ),
            );
          }
        }
        if (operator === '+') {
          // `[a] + rest`: a list built from two known lists is known element by element.
          const left = node.childForFieldName('left');
          const right = node.childForFieldName('right');
          const a = left && this.valueOf(left);
          const b = right && this.valueOf(right);
          if (a?.shape?.kind === 'sequence' && b?.shape?.kind === 'sequence')
            return sequence([...a.shape.items, ...b.shape.items]);
          return joinTaint(a ?? constant, b ?? constant);
        }
        return this.children(node);
      }
      case 'unary_operator':
      case 'concatenated_string':
      case 'set':
      case 'pair':
      case 'await':
      case 'list_splat':
      case 'dictionary_splat':
      case 'slice':
      case 'as_pattern':
        return this.children(node);
      default:
        return node.namedChildCount > 0 ? this.children(node) : this.unknown(node, `\`${short(node.text)}\``);
    }
  }

  // ---- containers ----

  private sequenceLiteral(node: Node): TaintValue {
    const items: Item[] = [];
    let precise = true;
    const parts: TaintValue[] = [];
    for (const child of node.namedChildren) {
      if (!child || child.type === 'comment') continue;
      if (child.type === 'list_splat') {
        const inner = child.namedChildren[0];
        const value = inner ? this.valueOf(inner) : constant;
        parts.push(value);
        if (value.shape?.kind === 'sequence') items.push(...value.shape.items);
        else precise = false;
        continue;
      }
      const value = this.valueOf(child);
      parts.push(value);
      items.push({ value, constant: this.constantOf(child) });
    }
    return precise ? sequence(items) : joinTaint(...parts);
  }

  private dictionaryLiteral(node: Node): TaintValue {
    const entries = new Map<string, TaintValue>();
    const others: TaintValue[] = [];
    const keys: TaintValue[] = [];
    for (const child of node.namedChildren) {
      if (!child || child.type === 'comment') continue;
      if (child.type === 'dictionary_splat') {
        const inner = child.namedChildren[0];
        const value = inner ? this.valueOf(inner) : constant;
        if (value.shape?.kind === 'mapping' && !value.shape.store) {
          for (const [key, entry] of value.shape.entries) entries.set(key, entry);
          others.push(value.shape.others);
          keys.push(value.shape.keys);
        } else {
          others.push(value);
          keys.push(value);
        }
        continue;
      }
      if (child.type !== 'pair') {
        others.push(this.valueOf(child));
        continue;
      }
      const keyNode = child.childForFieldName('key');
      const valueNode = child.childForFieldName('value');
      const value = valueNode ? this.valueOf(valueNode) : constant;
      const key = keyOf(this.constantOf(keyNode));
      if (key !== undefined) entries.set(key, value);
      else {
        others.push(value);
        if (keyNode) keys.push(this.valueOf(keyNode));
      }
    }
    return mapping(entries, joinTaint(...others), joinTaint(...keys));
  }

  /** What `value[key]` holds (`key` as `keyOf` writes it; undefined: not constant). */
  private readKey(value: TaintValue, key: string | undefined): TaintValue {
    const shape = value.shape;
    if (!shape || key === undefined) return withoutShape(value);
    if (shape.kind === 'mapping') return shape.entries.get(key) ?? shape.others;
    const index = key.startsWith('i:') ? indexIn(BigInt(key.slice(2)), shape.items.length) : undefined;
    return index === undefined ? withoutShape(value) : shape.items[index].value;
  }

  /** `value` with `stored` written at `key` (undefined: not constant). */
  private writeKey(value: TaintValue, key: string | undefined, stored: TaintValue, keyValue: TaintValue): TaintValue {
    const shape = value.shape;
    if (shape?.kind === 'mapping') {
      if (key === undefined)
        return mapping(shape.entries, joinTaint(shape.others, stored), joinTaint(shape.keys, keyValue), shape.store);
      const entries = new Map(shape.entries);
      entries.set(key, stored);
      return mapping(entries, shape.others, shape.keys, shape.store);
    }
    if (shape?.kind === 'sequence') {
      const index = key?.startsWith('i:') ? indexIn(BigInt(key.slice(2)), shape.items.length) : undefined;
      if (index === undefined) return joinTaint(value, stored);
      const items = [...shape.items];
      items[index] = { value: stored };
      return sequence(items);
    }
    // An object whose other attributes or keys are what it held before.
    if (key === undefined) return joinTaint(value, stored, keyValue);
    return mapping(new Map([[key, stored]]), value);
  }

  private select(value: TaintValue, path: readonly PathStep[]): TaintValue {
    let current = value;
    for (const step of path) {
      const shape = current.shape;
      if (shape?.kind !== 'sequence') return withoutShape(current);
      if ('index' in step) {
        const at = indexIn(BigInt(step.index), shape.items.length);
        if (at === undefined) return withoutShape(current);
        current = shape.items[at].value;
      } else {
        current = sequence(shape.items.slice(step.from, shape.items.length + step.to));
      }
    }
    return current;
  }

  /** What one iteration over `value` gives: an element of a sequence, a key of a mapping. */
  private elementOf(value: TaintValue): TaintValue {
    const shape = value.shape;
    if (shape?.kind === 'sequence') return mergeAlternatives(shape.items.map((item) => item.value));
    if (shape?.kind === 'mapping') return joinTaint(shape.keys, shape.others);
    return value;
  }

  private subscript(node: Node): TaintValue {
    const base = node.childForFieldName('value');
    if (!base) return constant;
    const value = this.valueOf(base);
    const subscripts = node.childrenForFieldName('subscript').filter((c): c is Node => !!c);
    if (!value.shape || subscripts.length !== 1) return withoutShape(value);
    const index = subscripts[0];
    if (index.type === 'slice') {
      const parts = index.children.filter((c): c is Node => !!c);
      const colon = parts.findIndex((c) => c.text === ':');
      if (value.shape.kind !== 'sequence' || parts.filter((c) => c.text === ':').length !== 1)
        return withoutShape(value);
      const start = colon > 0 ? intOf(this.constantOf(parts[0])) : undefined;
      const stop = colon < parts.length - 1 ? intOf(this.constantOf(parts[parts.length - 1])) : undefined;
      if ((colon > 0 && start === undefined) || (colon < parts.length - 1 && stop === undefined))
        return withoutShape(value);
      const [from, to] = sliceBounds(start, stop, value.shape.items.length);
      return sequence(value.shape.items.slice(from, to));
    }
    return this.readKey(value, keyOf(this.constantOf(index)));
  }

  /** A container changed in place: `parts.append(x)`, `d["k"] = v`, `obj.attr = v`, `config.set(s, o, v)`. */
  private mutated(before: TaintValue, def: Definition): TaintValue {
    const method = def.method ?? '';
    const own = def.node.type === 'call' ? this.objectMethod(def.node) : undefined;
    if (own) return this.methodEffect(before, own, def.node);
    if (method === '[]=' || method === '[]+=' || method === '.' || method === '.+=') {
      let stored = this.valueOf(def.value!);
      if (def.iterate) stored = this.elementOf(stored);
      if (def.path?.length) stored = this.select(stored, def.path);
      const key = method.startsWith('.') ? `.${def.key?.text ?? ''}` : keyOf(this.constantOf(def.key));
      if (method.endsWith('+=')) stored = joinTaint(this.readKey(before, key), stored);
      const target = def.target ?? def.node;
      stored = withStep(stored, {
        start: target.startIndex,
        end: target.endIndex,
        message: `\`${short(target.text)}\` is assigned from \`${short(def.value!.text)}\``,
      });
      const keyValue = key === undefined && def.key ? this.valueOf(def.key) : constant;
      return this.writeKey(before, key, stored, keyValue);
    }
    const call = def.node;
    const args = (call.childForFieldName('arguments')?.namedChildren ?? []).filter(
      (a): a is Node => !!a && a.type !== 'comment',
    );
    const positional = args.filter((a) => a.type !== 'keyword_argument');
    const argument = (i: number) => (positional[i] ? this.valueOf(positional[i]) : constant);
    const step = (value: TaintValue) =>
      withStep(value, {
        start: call.startIndex,
        end: call.endIndex,
        message: `\`${def.name}\` takes in \`${short(call.text)}\``,
      });
    const shape = before.shape;
    const everything = () => step(joinTaint(before, ...args.map((a) => this.valueOf(a))));
    switch (method) {
      case 'append':
        return shape?.kind === 'sequence'
          ? sequence([...shape.items, { value: step(argument(0)), constant: this.constantOf(positional[0]) }])
          : everything();
      case 'insert': {
        const at = intOf(this.constantOf(positional[0]));
        if (shape?.kind !== 'sequence' || at === undefined) return everything();
        const n = shape.items.length;
        const index = Math.max(0, Math.min(n, Number(at) < 0 ? n + Number(at) : Number(at)));
        const items = [...shape.items];
        items.splice(index, 0, { value: step(argument(1)), constant: this.constantOf(positional[1]) });
        return sequence(items);
      }
      case 'extend': {
        const added = argument(0);
        if (shape?.kind === 'sequence' && added.shape?.kind === 'sequence')
          return sequence([...shape.items, ...added.shape.items]);
        return everything();
      }
      case 'pop': {
        if (shape?.kind === 'sequence') {
          const at = positional.length ? intOf(this.constantOf(positional[0])) : -1n;
          const index = at === undefined ? undefined : indexIn(at, shape.items.length);
          if (index === undefined) return withoutShape(before);
          return sequence(shape.items.filter((_, i) => i !== index));
        }
        if (shape?.kind === 'mapping') {
          const key = keyOf(this.constantOf(positional[0]));
          if (key === undefined) return before;
          const entries = new Map(shape.entries);
          entries.delete(key);
          return mapping(entries, shape.others, shape.keys, shape.store);
        }
        return before;
      }
      case 'remove':
        if (shape?.kind === 'sequence') return this.removed(shape.items, this.constantOf(positional[0]), before);
        return before;
      case 'clear':
        if (shape?.kind === 'sequence') return sequence([]);
        if (shape?.kind === 'mapping') return mapping(new Map(), constant, constant, shape.store);
        return before;
      case 'reverse':
        return shape?.kind === 'sequence' ? sequence([...shape.items].reverse()) : before;
      case 'sort':
      case 'popitem':
      case 'discard':
        return withoutShape(before);
      case 'setdefault': {
        const key = keyOf(this.constantOf(positional[0]));
        if (shape?.kind === 'mapping' && key !== undefined) {
          return shape.entries.has(key) ? before : this.writeKey(before, key, step(argument(1)), constant);
        }
        return everything();
      }
      case 'update': {
        if (shape?.kind === 'mapping' && !shape.store) {
          let result = before;
          for (const a of args) {
            if (a.type === 'keyword_argument') {
              const name = a.childForFieldName('name')?.text;
              result = this.writeKey(result, name ? `s:${name}` : undefined, step(this.valueOf(a)), constant);
              continue;
            }
            const other = this.valueOf(a);
            if (other.shape?.kind === 'mapping' && !other.shape.store) {
              for (const [key, entry] of other.shape.entries)
                result = this.writeKey(result, key, step(entry), constant);
              result = this.writeKey(result, undefined, step(other.shape.others), other.shape.keys);
            } else result = this.writeKey(result, undefined, step(other), other);
          }
          return result;
        }
        return everything();
      }
      case 'set': {
        // `config.set(section, option, value)` on a configparser.
        if (shape?.kind === 'mapping' && shape.store === 'config' && positional.length === 3) {
          const section = this.constantOf(positional[0]);
          const option = this.constantOf(positional[1]);
          const key =
            section?.type === 'str' && option?.type === 'str'
              ? `c:${section.value}\u0000${option.value.toLowerCase()}`
              : undefined;
          return this.writeKey(before, key, step(argument(2)), constant);
        }
        return everything();
      }
      default:
        return everything();
    }
  }

  /** `parts.remove(c)`: the first element equal to `c` goes; an element that may equal it may be the one. */
  private removed(items: readonly Item[], target: Constant | undefined, before: TaintValue): TaintValue {
    if (!target) return withoutShape(before);
    const outcomes: TaintValue[] = [];
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      const same = item.constant ? sameValue(item.constant, target) : undefined;
      if (same === false) continue;
      outcomes.push(sequence(items.filter((_, j) => j !== i)));
      if (same === true) break;
    }
    // No element can be it: `remove` raises, and nothing after it runs with this list.
    return outcomes.length ? mergeAlternatives(outcomes) : before;
  }

  // ---- names ----

  /**
   * The one definition of `use`'s name that reaches it along the flow graph: `outer` when only the
   * module's (or nothing in the scope) does, `unresolved` when the scope has no flow graph, undefined when
   * several do or none can.
   */
  soleDefinition(use: Node): Definition | 'outer' | 'unresolved' | undefined {
    if (comprehensionClause(use)) return 'unresolved';
    const scope = this.model.scopeOf(use);
    if (scope.type !== 'function_definition') return 'unresolved';
    const flow = this.flowOf(scope);
    if (flow.graph.declaredOuter.has(use.text)) return 'unresolved';
    const facts = this.solving(flow, use.text, () => flow.graph.reaching(use.text, use));
    if (facts === undefined) return 'unresolved';
    if (facts === 'unreachable' || facts.length !== 1) return undefined;
    const [fact] = facts;
    if (fact.def >= 0) return flow.graph.definitions[fact.def];
    return flow.graph.definitionsByName.has(use.text) ? undefined : 'outer';
  }

  /** The flow graph of a function body or of the module, built on first use. */
  private flowOf(scope: Node): ScopeFlow {
    let flow = this.flows.get(scope.id);
    if (!flow) {
      const [graph, buildUses] = this.model.collectUses(
        () =>
          new FlowGraph(scope, {
            module: scope.id === this.model.root.id,
            ownScope: (node) => this.model.scopeOf(node).id === scope.id,
            isExit: (call) => this.isExit(call),
            conditionValue: (condition) => this.conditionValue(condition),
            iterations: (iterable) => this.iterations(iterable),
            changesObject: (call) => {
              const method = this.objectMethod(call);
              return !!method && this.writesSelf(method);
            },
          }),
      );
      flow = {
        graph,
        buildUses,
        solveUses: new Map(),
        values: new Map(),
        progress: new Map(),
        partial: new Map(),
        provisional: new Map(),
      };
      this.flows.set(scope.id, flow);
    } else this.model.replayUses(flow.buildUses);
    return flow;
  }

  /** Runs a query on a flow graph, recording (or passing on) what solving it for `name` read. */
  private solving<T>(flow: ScopeFlow, name: string, query: () => T): T {
    this.model.replayUses(flow.buildUses);
    if (flow.solveUses.has(name)) {
      this.model.replayUses(flow.solveUses.get(name));
      return query();
    }
    const [result, uses] = this.model.collectUses(query);
    flow.solveUses.set(name, uses);
    return result;
  }

  /** True or false when `condition` is constant (a dead branch), else undefined. */
  private conditionValue(condition: Node): boolean | undefined {
    return this.recorded(this.conditions, condition.id, () => this.computeCondition(condition));
  }

  /** An answer computed once per key, with what it read replayed each time it is given again. */
  private recorded<T>(cache: Map<number, Recorded<T>>, key: number, compute: () => T): T {
    const cached = cache.get(key);
    if (cached) {
      this.model.replayUses(cached.uses);
      return cached.value;
    }
    const [value, uses] = this.model.collectUses(compute);
    cache.set(key, { value, uses });
    return value;
  }

  private computeCondition(condition: Node): boolean | undefined {
    if (condition.type === 'case_pattern') {
      const literals = patternLiterals(condition);
      const subjects = matchSubjects(condition);
      const subject = subjects.length === 1 ? this.constantOf(subjects[0]) : undefined;
      if (!literals || !subject) return undefined;
      const matches = literals.map((literal) => equalConstants(subject, literal));
      return matches.includes(true) ? true : matches.every((m) => m === false) ? false : undefined;
    }
    const result = this.constantOf(condition);
    if (result) return truthy(result);
    // `candidate == "z"` inside `for candidate in ("a", "b")`: the same answer for every element.
    const loop = this.constantLoopVariable(condition);
    if (!loop) return undefined;
    let answer: boolean | undefined;
    for (const element of loop.elements) {
      const each = evaluate(condition, {
        name: (identifier, depth) =>
          identifier.text === loop.name ? element : this.environment.name(identifier, depth),
        builtin: (identifier) => this.environment.builtin(identifier),
      });
      if (!each || (answer !== undefined && truthy(each) !== answer)) return undefined;
      answer = truthy(each);
    }
    return answer;
  }

  /** A name in `condition` bound only by a `for` over a short constant sequence, with that sequence's elements. */
  private constantLoopVariable(condition: Node): { name: string; elements: Constant[] } | undefined {
    const scope = this.model.scopeOf(condition);
    if (scope.type !== 'function_definition') return undefined;
    const graph = this.flowOf(scope).graph;
    const names = new Set<string>();
    const visit = (node: Node) => {
      if (node.type === 'identifier') names.add(node.text);
      else for (const child of node.namedChildren) if (child) visit(child);
    };
    visit(condition);
    for (const name of names) {
      const defs = graph.definitionsByName.get(name);
      if (defs?.length !== 1 || !defs[0].iterate || defs[0].path?.length || !defs[0].value) continue;
      const iterable = this.constantOf(defs[0].value);
      const elements = iterable && elementsOf(iterable);
      if (elements && elements.length <= 64) return { name, elements };
    }
    return undefined;
  }

  /** Whether a `for` loop over `iterable` runs: `range(0)` never, `("a", "b")` at least once. */
  private iterations(iterable: Node): 'none' | 'some' | undefined {
    if (iterable.type === 'call' && iterable.childForFieldName('function')?.text === 'range') {
      const fn = iterable.childForFieldName('function')!;
      if (!this.environment.builtin(fn)) return undefined;
      const args = (iterable.childForFieldName('arguments')?.namedChildren ?? []).filter(
        (a): a is Node => !!a && a.type !== 'comment',
      );
      const values = args.map((a) => intOf(this.constantOf(a)));
      if (values.some((v) => v === undefined) || values.length === 0 || values.length > 3) return undefined;
      const [start, stop, step] =
        values.length === 1 ? [0n, values[0]!, 1n] : [values[0]!, values[1]!, values[2] ?? 1n];
      if (step === 0n) return undefined;
      return (step > 0n ? start < stop : start > stop) ? 'some' : 'none';
    }
    const value = this.constantOf(iterable);
    const elements = value && elementsOf(value);
    return elements ? (elements.length ? 'some' : 'none') : undefined;
  }

  /** A name's constant value where it is read: bound once in its scope (or the module's) to a constant. */
  private constantName(identifier: Node, depth: number): Constant | undefined {
    const scope = this.model.scopeOf(identifier);
    const name = identifier.text;
    if (scope.type === 'function_definition') {
      const graph = this.flowOf(scope).graph;
      if (graph.declaredOuter.has(name)) return undefined;
      const defs = graph.definitionsByName.get(name);
      if (defs) {
        const [only] = defs;
        return defs.length === 1 && only.kind === 'assign' && !only.iterate && !only.path?.length
          ? evaluate(only.value, this.environment, depth)
          : undefined;
      }
    } else if (scope.id !== this.model.root.id) return undefined;
    // The module's: bound once (functions read module names when they run, so any binding counts), and assigned
    // by no function under `global`.
    const bindings = this.model.moduleBindings(name);
    const [only] = bindings;
    return bindings.length === 1 && only.kind === 'assignment' && !this.globalWriters(name).length
      ? evaluate(only.value, this.environment, depth)
      : undefined;
  }

  private isExit(call: Node): boolean {
    const callee = this.model.calleeName(call);
    if (callee && exitCalls.has(callee)) return true;
    const fn = call.childForFieldName('function');
    if (fn?.type === 'identifier' && !callee) return exitNames.test(fn.text);
    if (fn?.type === 'attribute') {
      const method = fn.childForFieldName('attribute')?.text ?? '';
      const receiver = fn.childForFieldName('object');
      if (method === 'fail' && receiver?.text === 'self') return true;
      if (method === 'error' || method === 'exit') {
        const path = this.model.resolvedPath(receiver);
        return !!path && /^(?:argparse\.ArgumentParser|optparse\.OptionParser)\(\)$/.test(path);
      }
    }
    return false;
  }

  private identifier(node: Node): TaintValue {
    const qualified = this.model.qualifiedName(node);
    if (qualified) {
      const family = sourceValues.get(qualified) ?? (this.extraSources.has(qualified) ? 'custom' : undefined);
      if (family) return this.source(family, qualified.replace(/^builtins\./, ''), node);
    }
    const clause = comprehensionClause(node);
    if (clause) {
      const right = clause.childForFieldName('right');
      if (!right) return constant;
      const left = clause.childForFieldName('left');
      const element = this.elementOf(this.valueOf(right));
      const guard = this.expressionGuards(node);
      if (guard === 'all') return constant;
      const value = withStep(left?.type === 'identifier' ? element : withoutShape(element), {
        start: clause.startIndex,
        end: clause.endIndex,
        message: `\`${node.text}\` takes its value from \`${short(right.text)}\``,
      });
      return guard.length ? sanitized(value, guard) : value;
    }
    const scope = this.model.scopeOf(node);
    // A lambda's parameter: symbolic, like a function's (a call of the lambda passes its argument).
    if (scope.type === 'lambda' && parameterNodes(scope).some((p) => parameterName(p) === node.text))
      return this.unknown(node, `parameter \`${node.text}\``, node.text);
    if (scope.type !== 'function_definition') return this.legacyIdentifier(node, qualified);
    // A module, a function or a class named from outside, not bound here: code, not data (no graph needed).
    if (!this.model.bindsInScope(node.text, scope)) {
      const outer = this.model.bindingAt(node.text, node);
      if (outer?.kind === 'import' || outer?.kind === 'function' || outer?.kind === 'class') return constant;
    }
    const flow = this.flowOf(scope);
    if (flow.graph.declaredOuter.has(node.text)) return this.legacyIdentifier(node, qualified);
    const facts = this.solving(flow, node.text, () => flow.graph.reaching(node.text, node));
    if (facts === undefined) return this.legacyIdentifier(node, qualified);
    // Code that cannot run carries nothing: a finding that flows only through a dead branch is not one.
    if (facts === 'unreachable') return constant;
    const guard = this.expressionGuards(node);
    if (guard === 'all') return constant;
    const value = mergeAlternatives(facts.map((fact) => this.factValue(flow, fact, node, qualified)));
    return guard.length ? sanitized(value, guard) : value;
  }

  /** The value one reaching definition gives `use`, with the checks that passed since. */
  private factValue(flow: ScopeFlow, fact: Fact, use: Node, qualified?: string): TaintValue {
    const guard = this.guardKinds(fact.guards, use.text);
    if (guard === 'all') return constant;
    let value: TaintValue;
    if (fact.def >= 0) value = this.definitionValue(flow, flow.graph.definitions[fact.def]);
    else if (flow.graph.definitionsByName.has(use.text)) {
      // Local, and read where no assignment reached: Python raises instead of reading anything.
      value = constant;
    } else value = this.outerValue(use, qualified);
    return guard.length ? sanitized(value, guard) : value;
  }

  /** A name this scope does not assign: the module's (read when the function runs), a builtin, or unknown. */
  private outerValue(use: Node, qualified?: string): TaintValue {
    const scope = this.model.scopeOf(use);
    const closure = this.closureOwner(use);
    if (closure) return this.closureValue(use.text, closure);
    if (scope.id !== this.model.root.id) {
      const bindings = this.model.moduleBindings(use.text);
      // Functions that assign it under `global`: any of them may have run before this one reads it.
      const written = this.globalWriters(use.text).length > 0;
      if (bindings.length) {
        this.external = true;
        const binding = [...bindings].reverse().find((b) => b.at < use.startIndex) ?? bindings[bindings.length - 1];
        const value = this.binding(binding, use);
        return written ? mergeAlternatives([value, this.globalWrites(use.text)]) : value;
      }
      if (written) return this.globalWrites(use.text);
    }
    if (qualified?.startsWith('builtins.')) return constant;
    this.external = true;
    return this.unknown(use, `\`${use.text}\`, which is not assigned in this file`);
  }

  /** `answer`, computed while the definition in progress at index `head` of `active` had not settled. */
  private provisionally<T>(answer: T, head = this.lowest): Provisional<T> {
    return { ...answer, head, round: this.rounds[head] };
  }

  /**
   * `entry` while the round of the loop head it was computed in still goes on (what asks now depends on that head
   * too), else undefined.
   */
  private stillProvisional<T>(entry: Provisional<T> | undefined): Provisional<T> | undefined {
    if (!entry || entry.head >= this.active || this.rounds[entry.head] !== entry.round) return undefined;
    this.lowest = Math.min(this.lowest, entry.head);
    return entry;
  }

  /** The value a definition gives its name, computed once (a loop's definitions until what they carry settles). */
  private definitionValue(flow: ScopeFlow, def: Definition): TaintValue {
    const cached = this.reachable(flow.values.get(def.id));
    if (cached) return this.reused(cached);
    const level = flow.progress.get(def.id);
    if (level !== undefined) {
      this.lowest = Math.min(this.lowest, level);
      return flow.partial.get(def.id) ?? constant;
    }
    const provisional = this.stillProvisional(this.reachable(flow.provisional.get(def.id)));
    if (provisional) return this.reused(provisional);
    const index = this.active++;
    flow.progress.set(def.id, index);
    const outerLowest = this.lowest;
    const outerExternal = this.external;
    const outerDeepest = this.deepest;
    this.deepest = this.depth;
    let value: TaintValue = constant;
    let uses: ReadonlySet<string> | undefined;
    let external = false;
    try {
      for (let round = 0; ; round++) {
        this.lowest = Infinity;
        this.external = false;
        this.rounds[index] = ++this.roundCounter;
        [value, uses] = this.model.collectUses(() => this.computeDefinition(flow, def));
        external = this.external;
        const previous = flow.partial.get(def.id) ?? constant;
        if (this.lowest !== index || round >= MAX_ROUNDS || signatureOf(value) === signatureOf(previous)) break;
        flow.partial.set(def.id, value);
      }
    } finally {
      flow.progress.delete(def.id);
      flow.partial.delete(def.id);
      this.active--;
    }
    const settled = this.lowest >= index;
    const height = this.deepest - this.depth;
    if (settled) {
      flow.values.set(def.id, { value, external, uses, height });
      flow.provisional.delete(def.id);
    } else flow.provisional.set(def.id, this.provisionally({ value, external, uses, height }));
    this.lowest = Math.min(outerLowest, settled ? Infinity : this.lowest);
    this.external = outerExternal || external;
    this.deepest = Math.max(outerDeepest, this.deepest);
    return value;
  }

  private computeDefinition(flow: ScopeFlow, def: Definition): TaintValue {
    const target = def.target ?? def.node;
    const at = (message: string): FlowStep => ({
      start: target.startIndex,
      end: Math.min(target.endIndex, target.startIndex + 200),
      message,
    });
    switch (def.kind) {
      case 'parameter':
        return this.parameter(flow.graph.scope, def.node, def.name);
      case 'code':
      case 'delete':
        return constant;
      case 'except':
        return this.unknown(target, `the exception \`${def.name}\``);
      case 'match':
        // `case "a" | "b" as chosen:` binds one of the literals.
        if (patternLiterals(def.node.namedChildren.find((c) => c?.type === 'case_pattern') ?? def.node))
          return constant;
        return withStep(
          this.valueOf(def.value!),
          at(`\`${def.name}\` takes its value from \`${short(def.value!.text)}\``),
        );
      case 'assign':
      case 'with': {
        let value = this.valueOf(def.value!);
        if (def.iterate) value = this.elementOf(value);
        if (def.path?.length) value = this.select(value, def.path);
        const verb = def.iterate || def.path?.length ? 'takes its value from' : 'is assigned from';
        return withStep(value, at(`\`${def.name}\` ${verb} \`${short(def.value!.text)}\``));
      }
      case 'augmented': {
        const before = this.valueBefore(flow, def);
        const added = this.valueOf(def.value!);
        const operator = def.node.childForFieldName('operator')?.text;
        const value =
          operator === '+=' && before.shape?.kind === 'sequence' && added.shape?.kind === 'sequence'
            ? sequence([...before.shape.items, ...added.shape.items])
            : joinTaint(before, added);
        return withStep(value, {
          start: def.node.startIndex,
          end: def.node.endIndex,
          message: `\`${def.name}\` is extended with \`${short(def.value!.text)}\``,
        });
      }
      case 'mutate':
        return this.mutated(this.valueBefore(flow, def), def);
    }
  }

  /** What the name a definition changes held just before it. */
  private valueBefore(flow: ScopeFlow, def: Definition): TaintValue {
    const facts = this.solving(flow, def.name, () => flow.graph.reachingBefore(def));
    if (facts === 'unreachable') return constant;
    const target = def.target ?? def.node;
    const use =
      target.type === 'identifier'
        ? target
        : (target.childForFieldName(target.type === 'subscript' ? 'value' : 'object') ?? target);
    return mergeAlternatives(facts.map((fact) => this.factValue(flow, fact, use)));
  }

  /** The sink kinds the checks on `guards` make a value of `name` safe for. */
  private guardKinds(guards: readonly Edge[], name: string): SinkKind[] | 'all' {
    if (guards.length === 0) return [];
    const kinds = new Set<SinkKind>();
    for (const edge of guards) {
      const found = this.checks(edge.condition!, name, edge.holds!);
      if (found === 'all') return 'all';
      for (const kind of found) kinds.add(kind);
    }
    return [...kinds];
  }

  /** Checks inside the expression around a use: `x if x in ALLOWED else ""`, `ok and x`, `[y for y in ys if y.isdigit()]`. */
  private expressionGuards(use: Node): SinkKind[] | 'all' {
    const kinds = new Set<SinkKind>();
    const add = (found: SinkKind[] | 'all') => {
      if (found === 'all') return true;
      for (const kind of found) kinds.add(kind);
      return false;
    };
    let child = use;
    for (let current = use.parent; current; child = current, current = current.parent) {
      if (/(?:_statement|_definition|^module|^block|^lambda)$/.test(current.type)) break;
      if (current.type === 'conditional_expression') {
        const [consequence, condition, alternative] = current.namedChildren;
        if (condition && child.id === consequence?.id && add(this.checks(condition, use.text, true))) return 'all';
        if (condition && child.id === alternative?.id && add(this.checks(condition, use.text, false))) return 'all';
      } else if (current.type === 'boolean_operator') {
        const left = current.childForFieldName('left');
        const right = current.childForFieldName('right');
        const and = current.childForFieldName('operator')?.text === 'and';
        if (left && child.id === right?.id && add(this.checks(left, use.text, and))) return 'all';
      } else if (comprehensions.has(current.type) && child.id === current.childForFieldName('body')?.id) {
        for (const clause of current.namedChildren) {
          const condition = clause?.type === 'if_clause' ? clause.namedChildren[0] : undefined;
          if (condition && add(this.checks(condition, use.text, true))) return 'all';
        }
      }
    }
    return [...kinds];
  }

  /** The old resolution by bindings, for scopes without a flow graph (lambdas) and `global` names. */
  private legacyIdentifier(node: Node, qualified: string | undefined): TaintValue {
    const bindings = this.model.reachingBindings(node.text, node);
    if (bindings.length === 0) {
      if (qualified?.startsWith('builtins.')) return constant;
      this.external = true;
      return this.unknown(node, `\`${node.text}\`, which is not assigned in this file`);
    }
    const scope = this.model.scopeOf(node);
    if (
      bindings.some(
        (binding) =>
          binding.kind !== 'import' && this.model.scopeOf(binding.node).id !== scope.id && binding.kind !== 'parameter',
      )
    )
      this.external = true;
    const value = joinTaint(...bindings.map((binding) => this.binding(binding, node)));
    const guard = this.enclosingGuards(node, scope, Math.max(...bindings.map((binding) => binding.at)));
    if (guard === 'all') return constant;
    return guard.length ? sanitized(value, guard) : value;
  }

  /**
   * Checks of the `if`s and expressions around a use (`if x in ALLOWED: exec(x)`) made after the
   * last assignment that reaches it (an edit of the condition re-checks everything inside).
   */
  private enclosingGuards(use: Node, scope: Node, after: number): SinkKind[] | 'all' {
    const kinds = new Set<SinkKind>();
    const inner = this.expressionGuards(use);
    if (inner === 'all') return 'all';
    for (const kind of inner) kinds.add(kind);
    let child: Node = use;
    for (let current = use.parent; current && current.id !== scope.id; child = current, current = current.parent) {
      let found: SinkKind[] | 'all' = [];
      if (current.type === 'if_statement' || current.type === 'elif_clause') {
        const condition = current.childForFieldName('condition');
        if (condition && condition.startIndex > after && child.id === current.childForFieldName('consequence')?.id)
          found = this.checks(condition, use.text, true);
      } else if (current.type === 'else_clause' && current.parent?.type === 'if_statement') {
        const condition = current.parent.childForFieldName('condition');
        if (condition && condition.startIndex > after) found = this.checks(condition, use.text, false);
      }
      if (found === 'all') return 'all';
      for (const kind of found) kinds.add(kind);
    }
    return [...kinds];
  }

  /** A binding the model recorded (names outside the scope of the use). */
  private binding(binding: Binding, use: Node): TaintValue {
    switch (binding.kind) {
      case 'import':
      case 'function':
      case 'class':
        // Code, not data: a module, a function or a class the file names.
        return constant;
      case 'parameter':
        return this.parameter(binding.function, binding.node, binding.name);
      case 'assignment':
      case 'with':
      case 'loop':
      case 'unpack': {
        if (!binding.value) return this.unknown(use, `\`${use.text}\``);
        const value = this.valueOf(binding.value);
        const where = targetOf(binding.node) ?? binding.node;
        const verb = binding.kind === 'loop' || binding.kind === 'unpack' ? 'takes its value from' : 'is assigned from';
        return withStep(value, {
          start: where.startIndex,
          end: Math.min(where.endIndex, where.startIndex + 200),
          message: `\`${binding.name}\` ${verb} \`${short(binding.value.text)}\``,
        });
      }
      case 'augmented': {
        const earlier = this.model
          .reachingBindings(binding.name, firstIdentifier(binding.node) ?? binding.node)
          .filter((b) => b !== binding);
        const value = joinTaint(this.valueOf(binding.value), ...earlier.map((b) => this.binding(b, use)));
        return withStep(value, {
          start: binding.node.startIndex,
          end: binding.node.endIndex,
          message: `\`${binding.name}\` is extended with \`${short(binding.value.text)}\``,
        });
      }
    }
  }

  private parameter(fn: Node, parameter: Node, name: string): TaintValue {
    const handler = this.handlerParameters(fn);
    const state = handler?.get(name);
    if (state === 'safe') return constant;
    if (state === 'tainted') {
      const family = this.frameworkOf();
      return this.source(family, `route parameter \`${name}\``, parameter);
    }
    return this.unknown(parameter, `parameter \`${name}\``, name);
  }

  private frameworkOf(): SourceFamily {
    return frameworkOfModules(this.model.importedModules);
  }

  /**
   * Parameters of a web handler: `@app.route("/u/<name>")` (Flask: the named ones, unless an
   * `int`/`uuid` converter), `@router.get(...)` (FastAPI: all but `Request`, dependencies and
   * numbers), a Django view (`def view(request, slug)`: the URL-captured ones after `request`).
   */
  private handlerParameters(fn: Node): Map<string, 'tainted' | 'safe'> | undefined {
    return this.recorded(this.handlers, fn.id, () => this.computeHandlerParameters(fn));
  }

  private computeHandlerParameters(fn: Node): Map<string, 'tainted' | 'safe'> | undefined {
    let result: Map<string, 'tainted' | 'safe'> | undefined;
    const parameters = (fn.childForFieldName('parameters')?.namedChildren ?? []).filter((p): p is Node => !!p);
    const nameOf = (p: Node) =>
      p.type === 'identifier'
        ? p.text
        : (p.childForFieldName('name') ?? p.namedChildren.find((c) => c?.type === 'identifier'))?.text;
    const typeOf = (p: Node) => p.childForFieldName('type')?.text ?? '';
    const decorators =
      fn.parent?.type === 'decorated_definition'
        ? fn.parent.namedChildren.filter((c): c is Node => c?.type === 'decorator')
        : [];
    for (const decorator of decorators) {
      const call = decorator.namedChildren[0];
      if (call?.type !== 'call') continue;
      const callee = call.childForFieldName('function');
      const method = callee?.type === 'attribute' ? callee.childForFieldName('attribute')?.text : undefined;
      if (!method || !routeDecorators.has(method)) continue;
      const receiver = this.model.resolvedPath(callee!.childForFieldName('object'));
      if (receiver && /^(?:requests|httpx|urllib|aiohttp\.ClientSession)/.test(receiver)) continue;
      const route = call.childForFieldName('arguments')?.namedChildren.find((a) => a?.type === 'string');
      const fastapi = this.frameworkOf() === 'fastapi';
      result = new Map();
      if (route && !fastapi) {
        for (const match of route.text.matchAll(/<(?:(\w+):)?(\w+)>/g))
          result.set(match[2], match[1] && safeConverters.has(match[1]) ? 'safe' : 'tainted');
      } else if (fastapi) {
        for (const p of parameters) {
          const name = nameOf(p);
          if (!name || name === 'self') continue;
          const type = typeOf(p);
          const dependency =
            /\bDepends\s*\(/.test(p.childForFieldName('value')?.text ?? '') || /Depends\s*\(/.test(type);
          if (/\b(?:Request|WebSocket|Session|BackgroundTasks|Response)\b/.test(type) || dependency) continue;
          result.set(name, safeConverters.has(type.replace(/^Optional\[|\]$/g, '')) ? 'safe' : 'tainted');
        }
      }
      break;
    }
    if (!result && this.frameworkOf() === 'django') {
      // A Django view: `request` first (after `self`), then the URL-captured arguments.
      const names = parameters.map(nameOf);
      const offset = names[0] === 'self' ? 1 : 0;
      if (names[offset] === 'request' && names.length > offset + 1) {
        result = new Map();
        for (const p of parameters.slice(offset + 1)) {
          const name = nameOf(p);
          if (name && p.type !== 'list_splat_pattern' && p.type !== 'dictionary_splat_pattern')
            result.set(name, safeConverters.has(typeOf(p)) ? 'safe' : 'tainted');
        }
      }
    }
    return result;
  }

  // ---- attributes and calls ----

  /** The framework whose request object `node` is: `flask.request`, a `request` parameter, `self.request`. */
  private requestFamily(node: Node | null): SourceFamily | undefined {
    if (!node) return undefined;
    const qualified = this.model.qualifiedName(node);
    if (qualified) return requestObjects.get(qualified);
    if (
      node.type === 'attribute' &&
      node.childForFieldName('attribute')?.text === 'request' &&
      node.childForFieldName('object')?.text === 'self'
    )
      return 'django';
    if (node.type !== 'identifier') return undefined;
    const binding = this.model.bindingAt(node.text, node);
    if (binding?.kind !== 'parameter') return undefined;
    const type = binding.node.childForFieldName('type')?.text ?? '';
    if (binding.name !== 'request' && binding.name !== 'req' && !/Request\b/.test(type)) return undefined;
    if (/aiohttp|web\.Request/.test(type)) return 'aiohttp';
    const family = this.frameworkOf();
    return family === 'flask' && importsAiohttp(this.model.importedModules) ? 'aiohttp' : family;
  }

  private attribute(node: Node): TaintValue {
    const object = node.childForFieldName('object');
    const attribute = node.childForFieldName('attribute')?.text ?? '';
    const qualified = this.model.qualifiedName(node);
    if (qualified) {
      const family = sourceValues.get(qualified) ?? (this.extraSources.has(qualified) ? 'custom' : undefined);
      if (family) return this.source(family, qualified, node);
      if (requestObjects.has(qualified)) return constant;
    }
    // A class's attributes are state the program keeps, not code: `Registry.entries`.
    if (object?.type === 'identifier' && this.model.bindingAt(object.text, object)?.kind === 'class') {
      this.external = true;
      return this.unknown(node, `\`${short(node.text)}\``);
    }
    const family = this.requestFamily(object);
    if (family) {
      if (requestDataAttributes.has(attribute)) return this.source(family, `request.${attribute}`, node);
      return this.unknown(node, `\`${short(node.text)}\``);
    }
    if (object && responseBodyMembers.has(attribute)) {
      const path = this.model.resolvedPath(object);
      if (path && httpClientPrefixes.some((prefix) => path.startsWith(prefix)))
        return this.source('responses', 'an HTTP response body', node);
    }
    if (!object) return constant;
    // `Path(name).name`: the last part of a path, with no separator left in it.
    const resolved = this.model.resolvedPath(node);
    const sanitizer = resolved ? sanitizingAttributes.find((entry) => entry.path.test(resolved)) : undefined;
    if (sanitizer) return sanitized(withoutShape(this.valueOf(object)), [...sanitizer.kinds]);
    return this.attributeOf(object, attribute);
  }

  private call(node: Node): TaintValue {
    const fn = node.childForFieldName('function');
    const args = (node.childForFieldName('arguments')?.namedChildren ?? []).filter(
      (a): a is Node => !!a && a.type !== 'comment',
    );
    const argumentsValue = () => joinTaint(...args.map((a) => this.valueOf(a)));
    const callee = this.model.calleeName(node);
    if (callee) {
      if (sanitizeAll.has(callee) || this.extraSanitizers.has(callee)) return constant;
      const kinds = sanitizeFor.get(callee);
      if (kinds) return sanitized(argumentsValue(), kinds);
      const family = sourceCalls.get(callee) ?? (this.extraSources.has(callee) ? 'custom' : undefined);
      if (family) return this.source(family, `${callee.replace(/^builtins\./, '')}()`, node);
      if (decoders.has(callee)) return unsanitized(argumentsValue());
      if (callee === 're.sub' && args.length >= 3) {
        // `re.sub(r"[^A-Za-z0-9_-]", "", x)` keeps only characters no sink gives a meaning to.
        const pattern = this.constantOf(args[0]);
        const replacement = this.constantOf(args[1]);
        if (
          pattern?.type === 'str' &&
          replacement?.type === 'str' &&
          keepsSafeCharacters(pattern.value, replacement.value)
        )
          return constant;
      }
      if (/^configparser\.(?:Raw|Safe)?ConfigParser$/.test(callee))
        return mapping(new Map(), constant, constant, 'config');
      const built = this.constructed(callee, args);
      if (built) return built;
    }
    const own = this.callOfFileCode(node, fn, args);
    if (own) return own;
    if (fn?.type === 'attribute') {
      const object = fn.childForFieldName('object')!;
      const method = fn.childForFieldName('attribute')?.text ?? '';
      const family = this.requestFamily(object);
      if (family) {
        if (requestDataAttributes.has(method)) return this.source(family, `request.${method}()`, node);
        return this.unknown(node, `\`${short(node.text)}\``);
      }
      const path = this.model.resolvedPath(node);
      if (path) {
        if (cliParsers.test(path)) return this.source('cli', 'command-line arguments', node);
        if (fileReadMethods.has(method) && fileOpeners.test(path)) return this.source('files', 'file contents', node);
        if (responseBodyMembers.has(method) && httpClientPrefixes.some((prefix) => path.startsWith(prefix)))
          return this.source('responses', 'an HTTP response body', node);
      }
      if (socketReads.has(method)) return this.source('socket', `${method}()`, node);
      if (scalarMethods.has(method)) return constant;
      const read = this.containerRead(object, method, args);
      if (read) return read;
      if (method === 'replace') {
        // `s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")`: escaped for HTML.
        const kinds = this.replacementKinds(node);
        if (/^\s*\(\s*["'](?:\\r)?\\n["']/.test(node.childForFieldName('arguments')?.text ?? '')) kinds.push('log');
        return sanitized(joinTaint(this.valueOf(object), argumentsValue()), kinds);
      }
      if (transparentMethods.has(method)) return joinTaint(this.valueOf(object), argumentsValue());
    }
    const local = fn?.type === 'identifier' ? this.localFunction(fn) : undefined;
    if (local) {
      this.external = true;
      const summary = this.summaryOf(local);
      if (summary) return this.applySummary(node, local.childForFieldName('name')?.text ?? 'function', summary, args);
    }
    const imported = local ? undefined : this.moduleFunction(fn);
    if (imported) {
      this.external = true;
      const summary = this.modules!.analysis.summaryOf(imported, this.options);
      if (summary)
        return this.applySummary(
          node,
          imported.name,
          summary,
          args,
          imported.bound,
          imported.bound && fn?.type === 'attribute' ? (fn.childForFieldName('object') ?? undefined) : undefined,
        );
    }
    // Anything else: its result is built from its receiver and arguments.
    const parts = [argumentsValue()];
    if (fn?.type === 'attribute') parts.push(this.valueOf(fn.childForFieldName('object')!));
    const value = joinTaint(...parts);
    if (
      value.contributions.length === 0 &&
      args.length === 0 &&
      !(callee && /^builtins\.(?:str|list|dict|set|tuple|bytes|bytearray|frozenset)$/.test(callee))
    ) {
      return this.unknown(node, `the result of \`${short(node.text)}\``);
    }
    return value;
  }

  /** `dict(a=x)`, `list(parts)`, `tuple(parts)`: containers whose elements are known. */
  private constructed(callee: string, args: Node[]): TaintValue | undefined {
    if (callee === 'collections.ChainMap') return this.chainMap(args);
    if (callee === 'builtins.dict') {
      if (args.length === 0) return mapping(new Map());
      let result: TaintValue | undefined = mapping(new Map());
      for (const a of args) {
        if (a.type === 'keyword_argument') {
          const name = a.childForFieldName('name')?.text;
          result = this.writeKey(result, name ? `s:${name}` : undefined, this.valueOf(a), constant);
        } else {
          const other = this.valueOf(a);
          if (other.shape?.kind !== 'mapping' || other.shape.store || a !== args[0]) return undefined;
          result = mapping(other.shape.entries, other.shape.others, other.shape.keys);
        }
      }
      return result;
    }
    if (
      (callee === 'builtins.list' || callee === 'builtins.tuple') &&
      args.length === 1 &&
      args[0].type !== 'keyword_argument'
    ) {
      const value = this.valueOf(args[0]);
      return value.shape?.kind === 'sequence' ? value : undefined;
    }
    return undefined;
  }

  /**
   * `ChainMap(first, second, ...)`: a key reads the first mapping that has it. A mapping whose other
   * keys are not known may have it too, so what it may hold joins every later answer.
   */
  private chainMap(args: Node[]): TaintValue | undefined {
    if (args.some((a) => a.type === 'keyword_argument' || a.type === 'list_splat')) return undefined;
    const maps = args.map((a) => this.valueOf(a));
    if (maps.some((m) => m.shape?.kind !== 'mapping' || m.shape.store)) return undefined;
    const shapes = maps.map((m) => m.shape as Extract<NonNullable<TaintValue['shape']>, { kind: 'mapping' }>);
    const keys = new Set(shapes.flatMap((shape) => [...shape.entries.keys()]));
    const entries = new Map<string, TaintValue>();
    for (const key of keys) {
      const found: TaintValue[] = [];
      for (const shape of shapes) {
        const entry = shape.entries.get(key);
        found.push(entry ?? shape.others);
        if (entry) break;
      }
      entries.set(key, joinTaint(...found));
    }
    return mapping(
      entries,
      joinTaint(...shapes.map((shape) => shape.others)),
      joinTaint(...shapes.map((shape) => shape.keys)),
    );
  }

  /** `d.get("k", default)`, `d.pop("k")`, `parts.pop(0)`, `config.get("s", "o")` on a container known by element. */
  private containerRead(object: Node, method: string, args: Node[]): TaintValue | undefined {
    if (!['get', 'pop', 'setdefault', 'copy', 'getint', 'getboolean', 'getfloat'].includes(method)) return undefined;
    const value = this.valueOf(object);
    const shape = value.shape;
    if (!shape) return undefined;
    const positional = args.filter((a) => a.type !== 'keyword_argument');
    if (method === 'copy') return value;
    if (shape.kind === 'sequence') {
      if (method !== 'pop') return undefined;
      const at = positional.length ? intOf(this.constantOf(positional[0])) : -1n;
      const index = at === undefined ? undefined : indexIn(at, shape.items.length);
      return index === undefined ? withoutShape(value) : shape.items[index].value;
    }
    if (shape.store === 'config') {
      if (method.startsWith('get') && method !== 'get') return constant;
      const section = this.constantOf(positional[0]);
      const option = this.constantOf(positional[1]);
      if (section?.type !== 'str' || option?.type !== 'str') return withoutShape(value);
      return shape.entries.get(`c:${section.value}\u0000${option.value.toLowerCase()}`) ?? shape.others;
    }
    if (method.startsWith('get') && method !== 'get') return undefined;
    const key = keyOf(this.constantOf(positional[0]));
    // `TABLES.get(kind, kind)`: any entry, or the default.
    if (key === undefined) return joinTaint(value, positional[1] ? this.valueOf(positional[1]) : constant);
    const found = shape.entries.get(key);
    if (found) return found;
    const fallback = positional[1] ? this.valueOf(positional[1]) : constant;
    return joinTaint(shape.others, fallback);
  }

  /**
   * What a chain of `.replace()` calls makes a value safe for: `<` and `>` replaced (HTML), line
   * breaks removed (headers, log lines), `'` escaped as `'\\''` inside single quotes (a shell word).
   */
  private replacementKinds(call: Node): SinkKind[] {
    const replaced = new Map<string, string>();
    let hops = 0;
    for (let current: Node | null = call; current?.type === 'call';) {
      const fn = current.childForFieldName('function');
      if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'replace') break;
      const [from, to] = (current.childForFieldName('arguments')?.namedChildren ?? []).map((a) => this.constantOf(a));
      if (from?.type === 'str' && to?.type === 'str' && !replaced.has(from.value)) replaced.set(from.value, to.value);
      current = fn.childForFieldName('object');
      // `value = value.replace(...)` then `value.replace(...)`: one chain written in two statements.
      if (current?.type === 'identifier' && hops++ < 3) {
        const binding = this.model.reachingAssignment(current);
        if (binding?.kind === 'assignment' && binding.value.type === 'call') current = binding.value;
      }
    }
    const kinds: SinkKind[] = [];
    const gone = (text: string, bad: RegExp) => replaced.has(text) && !bad.test(replaced.get(text)!);
    if (gone('<', /[<>]/) && gone('>', /[<>]/)) kinds.push('html');
    if (gone('\r', /[\r\n]/) && gone('\n', /[\r\n]/)) kinds.push('header', 'log');
    // RFC 4515 filter escaping: `\`, `*`, `(`, `)` and NUL each replaced by its `\xx` escape.
    const ldapEscape = (c: string) => replaced.get(c) === `\\${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
    if (['\\', '*', '(', ')', '\u0000'].every(ldapEscape)) kinds.push('ldap');
    if ((replaced.get("'") === "'\\''" || replaced.get("'") === `'"'"'`) && quotedByConcatenation(call))
      kinds.push('shell');
    return kinds;
  }

  // ---- same-file functions ----

  private localFunction(name: Node): Node | undefined {
    const binding = this.model.bindingAt(name.text, name);
    return binding?.kind === 'function' ? binding.node : undefined;
  }

  /**
   * What a function's return value carries, with its own parameters left symbolic. Bounded: recursion yields unknown.
   */
  private summaryOf(fn: Node): Summary | undefined {
    const known = this.summaries.get(fn.id);
    if (known) {
      this.model.replayUses(this.summaryUses.get(fn.id));
      return known;
    }
    const pending = this.pendingSummaries.get(fn.id);
    if (pending !== undefined) {
      // Recursion: what reads the unfinished summary holds only until it is done.
      this.lowest = Math.min(this.lowest, pending);
      return undefined;
    }
    const provisional = this.stillProvisional(this.provisionalSummaries.get(fn.id));
    if (provisional) {
      this.model.replayUses(provisional.uses);
      return provisional.value;
    }
    if (this.summaryDepth >= MAX_SUMMARY_DEPTH) {
      // The depth counts from the outermost summary under way: what is cut here holds only for it.
      this.lowest = Math.min(this.lowest, this.summaryLevels[0]);
      return undefined;
    }
    const key = this.summaryKey(fn);
    const reused = this.summaryCache?.get(key);
    if (reused) {
      const summary = { ...reused, returns: shifted(reused.returns, fn.startIndex) };
      this.summaries.set(fn.id, summary);
      return summary;
    }
    this.summaryCache?.missed();
    const index = this.active++;
    this.rounds[index] = ++this.roundCounter;
    this.pendingSummaries.set(fn.id, index);
    this.summaryLevels.push(index);
    this.summaryDepth++;
    const outer = this.external;
    const outerLowest = this.lowest;
    this.external = false;
    this.lowest = Infinity;
    let settled = false;
    try {
      const [summary, uses] = this.model.collectUses((): Summary => {
        const parameters = (fn.childForFieldName('parameters')?.namedChildren ?? [])
          .filter((p): p is Node => !!p)
          .map((p) => parameterName(p));
        const statements: Node[] = [];
        const body = fn.childForFieldName('body');
        if (body) collectReturns(body, statements);
        // A `return` that cannot run returns nothing.
        const graph = this.flowOf(fn).graph;
        const returns = statements
          .filter((statement) => graph.reachable(statement))
          .map((statement) => (statement.namedChildren[0] ? this.valueOf(statement.namedChildren[0]) : constant));
        const declared = (fn.childForFieldName('parameters')?.namedChildren ?? []).filter((p): p is Node => !!p);
        const rest = declared.find((p) => p.type === 'list_splat_pattern');
        const keywords = declared.find((p) => p.type === 'dictionary_splat_pattern');
        return {
          returns: withoutShape(joinTaint(...returns)),
          parameters: parameters.map((p) => p ?? ''),
          ...(rest ? { rest: parameterName(rest) } : {}),
          ...(keywords ? { keywords: parameterName(keywords) } : {}),
        };
      });
      settled = this.lowest >= index;
      if (!settled) {
        this.provisionalSummaries.set(fn.id, this.provisionally({ value: summary, uses }));
        return summary;
      }
      this.summaries.set(fn.id, summary);
      this.summaryUses.set(fn.id, uses);
      this.provisionalSummaries.delete(fn.id);
      // Only a summary that read nothing outside the function's text (not even the absence of a
      // module-level name) can serve the next version of the file.
      if (!this.external && !uses?.size)
        this.summaryCache?.set(key, { ...summary, returns: shifted(summary.returns, -fn.startIndex) });
      return summary;
    } finally {
      this.external = outer;
      this.lowest = Math.min(outerLowest, settled ? Infinity : this.lowest);
      this.summaryDepth--;
      this.summaryLevels.pop();
      this.pendingSummaries.delete(fn.id);
      this.active--;
    }
  }

  /** A function's text with its decorators, under the file's imports and the tracker's options. */
  private summaryKey(fn: Node): string {
    if (this.contextKey === undefined) {
      const imports = this.model.topLevelImports();
      this.contextKey = JSON.stringify([this.options, imports, [...this.model.importedModules].sort()]);
    }
    const definition = definitionStatement(fn);
    return `${this.contextKey}\u0000${fn.startIndex - definition.startIndex}\u0000${definition.text}`;
  }

  /**
   * The function of another workspace module a callee names (`helpers.pick`, `from .text import tidy`,
   * `choosers.Chooser().choose`), when the file has a workspace.
   */
  private moduleFunction(callee: Node | null): ModuleFunction | undefined {
    if (!this.modules || !callee || (callee.type !== 'identifier' && callee.type !== 'attribute')) return undefined;
    const qualified = this.model.qualifiedName(callee) ?? this.model.resolvedPath(callee);
    if (!qualified || qualified.startsWith('builtins.')) return undefined;
    return this.modules.analysis.functionNamed(qualified, this.modules.path, this.options);
  }

  /** What `fn` (a function of this file) returns, for a module that imports it: steps placed in this file. */
  exportedSummary(fn: Node): Summary | undefined {
    return this.summaryOf(fn);
  }

  /** What `fn` returning a check proves about its parameter at `index` (counting `self`) when it returns true. */
  parameterChecks(fn: Node, index: number): SinkKind[] | 'all' {
    const parameters = (fn.childForFieldName('parameters')?.namedChildren ?? [])
      .filter((p): p is Node => !!p)
      .map((p) => parameterName(p));
    const parameter = parameters[index];
    return parameter ? this.returnedCheck(fn, parameter) : [];
  }

  /**
   * A call's value from the callee's summary: each parameter's contribution replaced by what the call passes for it
   * (`receiver`, for a method called on an object, is what its first parameter stands for).
   */
  private applySummary(
    call: Node,
    name: string,
    summary: Summary,
    args: Node[],
    bound?: boolean,
    receiver?: Node,
  ): TaintValue {
    const keywords = args.filter((a) => a.type === 'keyword_argument');
    const positional = args.filter((a) => a.type !== 'keyword_argument' && a.type !== 'dictionary_splat');
    const mappings = args.filter((a) => a.type === 'dictionary_splat');
    /** What the call may pass as `parameter`: `*xs` and `**kw` stand for any parameter they may fill. */
    const argumentsFor = (parameter: string): Node[] => {
      const keyword = keywords.find((a) => a.childForFieldName('name')?.text === parameter);
      if (keyword) return [keyword.childForFieldName('value')].filter((v): v is Node => !!v);
      if (parameter === summary.keywords)
        return [
          ...keywords
            .filter((a) => !summary.parameters.includes(a.childForFieldName('name')?.text ?? ''))
            .map((a) => a.childForFieldName('value'))
            .filter((v): v is Node => !!v),
          ...mappings,
        ];
      const index = summary.parameters.indexOf(parameter) - ((bound ?? summary.parameters[0] === 'self') ? 1 : 0);
      if (index === -1 && receiver) return [receiver];
      if (index < 0) return [];
      if (parameter === summary.rest) return positional.slice(index);
      const splat = positional.findIndex((a) => a.type === 'list_splat');
      if (splat >= 0 && splat <= index) return positional.slice(splat);
      return positional[index] ? [positional[index]] : mappings;
    };
    const parts: TaintValue[] = [];
    for (const c of summary.returns.contributions) {
      if (c.parameter === undefined) {
        const step: FlowStep = { start: call.startIndex, end: call.endIndex, message: `returned by \`${name}()\`` };
        // A source in another file: this file sees it enter at the call.
        parts.push(withStep({ contributions: [c] }, step));
        continue;
      }
      const passed = argumentsFor(c.parameter);
      if (passed.length === 0) continue;
      const value = sanitized(joinTaint(...passed.map((argument) => this.valueOf(argument))), [...c.sanitizedFor]);
      parts.push(
        withStep(value, {
          start: call.startIndex,
          end: call.endIndex,
          message: `passes through \`${name}()\` (parameter \`${c.parameter}\` reaches its return value)`,
        }),
      );
    }
    return joinTaint(...parts);
  }

  // ---- values from elsewhere in the file: callers, globals ----

  /**
   * `value` as read at `at`, each parameter of the functions around `at` joined with what the calls
   * of that function in this file pass for it (`callerArguments`). The parameter itself stays, as a
   * value of unknown origin: the function may be called from elsewhere. Parameters of a web handler
   * (the framework calls it) and parameters beyond `MAX_CALLER_DEPTH` callers stay as they are.
   * `elsewhere`: read from another function than the sink's, whose parameters are then named with
   * their function (a parameter of the sink's own function is what its callers decide).
   */
  private withCallers(value: TaintValue, at: Node, depth: number, elsewhere: boolean): TaintValue {
    if (!value.contributions.some((c) => c.parameter !== undefined)) return value;
    const functions = this.enclosingFunctions(at);
    const parts: TaintValue[] = [];
    for (const c of value.contributions) {
      if (c.parameter === undefined) {
        parts.push({ contributions: [c] });
        continue;
      }
      const fn = functions.find((f) => parameterNodes(f).some((p) => parameterName(p) === c.parameter));
      const owner = fn?.childForFieldName('name')?.text;
      const reason = elsewhere && owner ? `\`${owner}()\`'s parameter \`${c.parameter}\`` : c.reason;
      parts.push({ contributions: [{ ...c, parameter: undefined, reason }] });
      if (!fn || depth >= MAX_CALLER_DEPTH || this.handlerParameters(fn)) continue;
      let passed = sanitized(this.callerArguments(fn, c.parameter, depth), [...c.sanitizedFor]);
      for (const step of c.steps) passed = withStep(passed, step);
      parts.push(passed);
    }
    return joinTaint(...parts);
  }

  /** The functions whose bodies hold `node`, innermost first. */
  private enclosingFunctions(node: Node): Node[] {
    const functions: Node[] = [];
    for (let scope = this.model.scopeOf(node); scope.id !== this.model.root.id; scope = this.model.scopeOf(scope))
      if (scope.type === 'function_definition') functions.push(scope);
    return functions;
  }

  /**
   * What the calls of `fn` in this file pass for `parameter` (by keyword, by position with `self`
   * skipped for a method, or the default), each with a step at the call, the callers' own
   * parameters followed the same way. Calls in function bodies only: what module-level code passes
   * is left out (an edit there re-checks only what reads a name it binds). The answer reads every
   * place that holds the function's name, and is never kept for another version of the file.
   */
  private callerArguments(fn: Node, parameter: string, depth: number): TaintValue {
    const key = `callers:${fn.id}:${depth}:${parameter}`;
    return this.fromElsewhere(
      this.callerValues,
      key,
      this.callsRead(fn),
      () => {
        const name = calledName(fn);
        const passedIn = (calls: readonly Node[]) => {
          const parts: TaintValue[] = [];
          for (const call of calls) {
            const argument = this.argumentFor(call, fn, parameter);
            if (!argument) continue;
            const passed = this.withCallers(this.valueOf(argument), call, depth + 1, true);
            parts.push(
              withStep(withoutShape(passed), {
                start: call.startIndex,
                end: call.endIndex,
                message: `\`${name}()\` is called with \`${short(argument.text)}\``,
              }),
            );
          }
          return joinTaint(...parts);
        };
        return joinTaint(
          ...this.partsByHolder(this.callerValues, key, this.sameFileCalls(fn), passedIn, {
            kind: 'callers',
            rest: `${depth}:${parameter}`,
            about: fn,
          }),
        );
      },
      constant,
      { kind: 'callers', rest: `${depth}:${parameter}`, about: fn },
    );
  }

  /**
   * The parts of the answer `key` about the calls of `carry.about` (`calls`, in the order of the text): `compute` of
   * the calls each function inside no other holds, each an answer kept for the next version of the file on its own
   * (`CarriedAnswer.holder`), so that an edit in one caller computes only its part again.
   */
  private partsByHolder(
    cache: Map<string, Recorded<TaintValue>>,
    key: string,
    calls: readonly Node[],
    compute: (calls: readonly Node[]) => TaintValue,
    carry: { kind: CarriedAnswer['kind']; rest: string; about: Node },
  ): TaintValue[] {
    return byHolder(calls).map(([holder, held]) =>
      holder
        ? this.fromElsewhere(cache, `${key}:in:${holder.id}`, {}, () => compute(held), constant, { ...carry, holder })
        : compute(held),
    );
  }

  /**
   * An answer that reads other functions of the file: the places written like a call of a name (`calls`: a call of a
   * function is where its name is), the calls of a method on its class's objects (`methodCalls`), the places that hold
   * a word (`words`), or the `global` statements that declare a name (`declaring`: the writes of a global are in the
   * functions that hold them), found anew whenever an edit adds or removes one of them or changes a text that holds
   * one. Computed once per analysis; a read that comes back to itself while it is computed gives nothing more.
   */
  private fromElsewhere<T>(
    cache: Map<string, Recorded<T>>,
    key: string,
    reads: {
      words?: readonly string[];
      calls?: readonly string[];
      methodCalls?: { className: string; name: string };
      declaring?: string;
    },
    compute: () => T,
    recursive: T,
    /** The answer is kept for the next version of the file, named so (see `CarriedAnswer`). */
    carry?: { kind: CarriedAnswer['kind']; rest: string; about?: Node; holder?: Node },
  ): T {
    this.external = true;
    const cached = cache.get(key);
    if (cached) {
      this.model.replayUses(cached.uses);
      return cached.value;
    }
    const anchor = carry?.about && anchorOf(carry.about);
    const holder = carry?.holder && holderOf(carry.holder);
    const carryKey = carry && carriedAnswerKey({ kind: carry.kind, rest: carry.rest, anchor, holder });
    const carried = carryKey === undefined ? undefined : this.answersToCarry.get(carryKey);
    const known = carried?.conditions ? this.onConditions(carryKey!, carried) : carried;
    if (known) {
      const recorded = { value: known.value as T, uses: answerUses(known.id) };
      cache.set(key, recorded);
      this.answersReused.set(known.kind, (this.answersReused.get(known.kind) ?? 0) + 1);
      this.model.replayUses(recorded.uses);
      return recorded.value;
    }
    const pending = this.pendingReads.get(key);
    if (pending !== undefined) {
      this.lowest = Math.min(this.lowest, pending);
      return recursive;
    }
    let provisionalOfCache = this.provisionalReads.get(cache) as Map<string, Provisional<Recorded<T>>> | undefined;
    const provisional = this.stillProvisional(provisionalOfCache?.get(key));
    if (provisional) {
      this.model.replayUses(provisional.uses);
      return provisional.value;
    }
    const index = this.active++;
    this.rounds[index] = ++this.roundCounter;
    this.pendingReads.set(key, index);
    if (carryKey !== undefined) this.computingAnswers.add(carryKey);
    const outerLowest = this.lowest;
    this.lowest = Infinity;
    let settled = false;
    try {
      const [value, uses] = this.model.collectUses(() => {
        if (reads.words) this.model.readsOccurrences(reads.words);
        if (reads.calls) this.model.readsCalls(reads.calls);
        if (reads.methodCalls) this.model.readsMethodCalls(reads.methodCalls.className, reads.methodCalls.name);
        if (reads.declaring !== undefined) this.model.readsGlobalDeclarations([reads.declaring]);
        return compute();
      }, false);
      // An answer computed from one still being computed (a read that came back to it) holds for its round only.
      settled = this.lowest >= index;
      // What asks an answer kept for the next version records the answer, not what computing it read.
      let asked = uses;
      if (settled) {
        if (carry && carryKey !== undefined) {
          const id = this.answerIds?.get(carryKey) ?? ++lastAnswerId;
          asked = answerUses(id);
          this.answersToCarry.set(carryKey, {
            id,
            kind: carry.kind,
            rest: carry.rest,
            ...(anchor ? { anchor } : {}),
            ...(holder ? { holder } : {}),
            value: value as TaintValue,
            uses,
          });
        }
        cache.set(key, { value, uses: asked });
        provisionalOfCache?.delete(key);
      } else {
        if (!provisionalOfCache) {
          provisionalOfCache = new Map();
          this.provisionalReads.set(cache, provisionalOfCache);
        }
        provisionalOfCache.set(key, this.provisionally({ value, uses }));
      }
      this.model.replayUses(asked);
      return value;
    } finally {
      this.pendingReads.delete(key);
      if (carryKey !== undefined) this.computingAnswers.delete(carryKey);
      this.active--;
      this.lowest = Math.min(outerLowest, settled ? Infinity : this.lowest);
      this.external = true;
    }
  }

  /**
   * The answer `carried`, kept from the previous version on conditions (`CarriedAnswer.conditions`), when they hold:
   * from then on kept without them. When they do not, it is no longer carried (what asks it computes it again).
   */
  private onConditions(key: string, carried: CarriedAnswer): CarriedAnswer | undefined {
    if (carried.conditions!.every((condition) => this.conditionHolds(condition))) {
      const held = { ...carried, conditions: undefined };
      this.answersToCarry.set(key, held);
      return held;
    }
    this.answersToCarry.delete(key);
    return undefined;
  }

  /**
   * Whether asking again the question of `condition` gives the same answer, asked once per analysis. One being computed
   * (the condition came back to it) does not hold yet.
   */
  private conditionHolds(condition: AnswerCondition): boolean {
    const known = this.conditionsAsked.get(condition.id);
    if (known !== undefined) return known;
    if (this.computingAnswers.has(carriedAnswerKey(condition.question))) return false;
    // What asks the answer kept on the condition records that answer, not what asking the condition read.
    const [now] = this.model.collectUses(() => this.answerAgain(condition.question), false);
    const holds = !!now && !now.conditions && now.id === condition.id && sameTaint(condition.value, now.value);
    this.conditionsAsked.set(condition.id, holds);
    return holds;
  }

  /**
   * Asks again the question of an answer the previous version kept (`question`, in this version's places): the answer
   * in this version when it is one to keep for the next, else undefined (no function at its place, an answer computed
   * from one still being computed, or a part of another answer, which is asked only through it).
   */
  answerAgain(question: Pick<CarriedAnswer, 'kind' | 'rest' | 'anchor' | 'holder'>): CarriedAnswer | undefined {
    if (question.holder) return undefined;
    if (question.kind === 'global') this.globalWrites(question.rest);
    else {
      const fn = question.anchor && this.functionAt(question.anchor);
      if (!fn) return undefined;
      if (question.kind === 'attribute') this.receiverAttribute(fn, question.rest);
      else {
        const colon = question.rest.indexOf(':');
        this.callerArguments(fn, question.rest.slice(colon + 1), Number(question.rest.slice(0, colon)));
      }
    }
    return this.answersToCarry.get(carriedAnswerKey(question));
  }

  /** The function whose definition and body start where `anchor` says (see `anchorOf`). */
  private functionAt(anchor: { start: number; bodyStart: number }): Node | undefined {
    for (
      let node = this.model.root.descendantForIndex(anchor.start);
      node?.startIndex === anchor.start;
      node = node.parent
    )
      if (node.type === 'function_definition')
        return node.childForFieldName('body')?.startIndex === anchor.bodyStart ? node : undefined;
    return undefined;
  }

  /**
   * What an answer about the calls of `fn` reads: for a method other than `__init__`, the calls of the method on its
   * class's objects (`readsMethodCalls`), else every place written like a call of the name calls use.
   */
  private callsRead(fn: Node): { calls: readonly string[] } | { methodCalls: { className: string; name: string } } {
    const name = fn.childForFieldName('name')?.text;
    const className = methodCallsClass(fn);
    if (name && className) return { methodCalls: { className, name } };
    return { calls: [this.calledAs(fn) ?? ''] };
  }

  /** The name calls of `fn` use: its own, or for an `__init__` its class's. */
  private calledAs(fn: Node): string | undefined {
    const name = fn.childForFieldName('name')?.text;
    const owner = classOfMethod(fn);
    return owner && name === '__init__' ? owner.childForFieldName('name')?.text : name;
  }

  /**
   * The calls of `fn` in the function bodies of this file: `fn(...)`, `Class(...)` for `__init__`, and for another
   * method `obj.method(...)` on an instance or `Class.method(...)` on the class itself (a static or class method, or
   * the instance passed first).
   */
  private sameFileCalls(fn: Node): Node[] {
    const searched = this.calledAs(fn);
    if (!searched) return [];
    const name = fn.childForFieldName('name')?.text;
    const owner = classOfMethod(fn);
    const calls: Node[] = [];
    for (const call of this.model.callsInFunctionBodies(searched, methodCallsClass(fn))) {
      const callee = call.childForFieldName('function');
      let reaches: boolean;
      // A name no scope of the calling function binds is the module's: found without reading that function's body.
      const module = !owner || name === '__init__' ? this.unshadowedBinding(call, callee) : undefined;
      if (!owner)
        reaches =
          callee?.type === 'identifier' &&
          (module?.kind === 'function'
            ? module.node.id === fn.id
            : (this.localFunction(callee) ?? this.returnedFunction(callee))?.id === fn.id);
      else if (name === '__init__')
        reaches =
          callee?.type === 'identifier' &&
          (module?.kind === 'class' ? module.node.id === owner.id : this.localClass(callee)?.id === owner.id);
      else {
        const object = callee?.type === 'attribute' ? callee.childForFieldName('object') : null;
        reaches =
          this.mayNameInstance(call, object, owner) &&
          (this.instanceClass(object)?.id === owner.id || this.namesClass(object)?.id === owner.id);
      }
      if (!reaches) continue;
      calls.push(call);
      if (calls.length >= MAX_CALL_SITES) break;
    }
    return calls;
  }

  /**
   * The module's binding of the name `callee` calls in `call` (in a function body), as `SemanticModel.bindingAt` finds
   * it, when the text of the function that holds the call shows that no scope inside it binds the name
   * (`onlyCalled`); else undefined. What `bindingAt` would read first, the scopes of the function's body, is not read.
   */
  private unshadowedBinding(call: Node, callee: Node | null): Binding | undefined {
    if (callee?.type !== 'identifier') return undefined;
    const holder = outermostFunction(call);
    if (!holder) return undefined;
    const key = `${holder.id}:${callee.text}`;
    let nowhere = this.bindsNowhere.get(key);
    if (nowhere === undefined) {
      nowhere = onlyCalled(this.model.sourceText(holder.startIndex, holder.endIndex), callee.text);
      this.bindsNowhere.set(key, nowhere);
    }
    return nowhere ? this.model.moduleBindingAt(callee.text, call.startIndex) : undefined;
  }

  private readonly bindsNowhere = new Map<string, boolean>();

  /**
   * False when `object` (the receiver of `call`, in a function body) cannot be `owner` or one of its instances as
   * `instanceClass` and `namesClass` tell them, from what the text shows without reading the body of the function that
   * holds the call: that function is no method of `owner` and its text does not hold the class's name (`Class(...)`,
   * `x = Class(...)`, `Class.method`), and `object` is not a name the module binds to `Class(...)`. The callers of a
   * method are looked for among all the calls of its name (`f.read()` for a class's `read`): most are in functions
   * that have nothing to do with the class, whose bodies need not be read.
   */
  private mayNameInstance(call: Node, object: Node | null, owner: Node): boolean {
    const className = owner.childForFieldName('name')?.text;
    const holder = outermostFunction(call);
    if (!object || !className || !holder || classOfMethod(holder)?.id === owner.id) return true;
    if (this.model.sourceText(holder.startIndex, holder.endIndex).includes(className)) return true;
    if (object.type !== 'identifier') return false;
    return this.model.moduleBindings(object.text).some((binding) => {
      if (binding.kind !== 'assignment' || binding.value.type !== 'call') return false;
      return binding.value.childForFieldName('function')?.text === className;
    });
  }

  /** The expression a call of `fn` gives `parameter`: a keyword, a positional (a `*` splat that may hold it), the default. */
  private argumentFor(call: Node, fn: Node, parameter: string): Node | undefined {
    const parameters = parameterNodes(fn);
    const index = parameters.findIndex((p) => parameterName(p) === parameter);
    if (index < 0) return undefined;
    const declared = parameters[index];
    const argumentList = call.childForFieldName('arguments');
    if (declared.type === 'list_splat_pattern' || declared.type === 'dictionary_splat_pattern')
      return argumentList ?? undefined;
    const args = (argumentList?.namedChildren ?? []).filter((a): a is Node => !!a && a.type !== 'comment');
    const keyword = args.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === parameter);
    if (keyword) return keyword.childForFieldName('value') ?? undefined;
    const keywordOnly = parameters
      .slice(0, index)
      .some((p) => p.type === 'list_splat_pattern' || p.type === 'keyword_separator');
    const skip = this.receiverPassed(call, fn) ? 1 : 0;
    const position = index - skip - parameters.slice(0, index).filter((p) => p.type === 'positional_separator').length;
    if (!keywordOnly && position >= 0) {
      const positional = args.filter((a) => a.type !== 'keyword_argument' && a.type !== 'dictionary_splat');
      for (let i = 0; i < positional.length && i <= position; i++) {
        if (positional[i].type === 'list_splat') return positional[i];
        if (i === position) return positional[i];
      }
    }
    const spread = args.find((a) => a.type === 'dictionary_splat');
    if (spread) return spread;
    return declared.childForFieldName('value') ?? undefined;
  }

  /**
   * Whether a call of `fn` fills its first parameter itself: the instance a method is called on (or constructed, for
   * `__init__`), a class method's class. Not for a function or a static method, nor for a method called on its class,
   * which is given the instance as the first argument (`Runner.start(runner, command)`).
   */
  private receiverPassed(call: Node, fn: Node): boolean {
    const owner = classOfMethod(fn);
    if (!owner || staticMethod(fn)) return false;
    if (classMethod(fn)) return true;
    const callee = call.childForFieldName('function');
    return !(callee?.type === 'attribute' && this.namesClass(callee.childForFieldName('object'))?.id === owner.id);
  }

  /** The class of this file that `node` names (`Runner` in `Runner.start(...)`). */
  private namesClass(node: Node | null): Node | undefined {
    return node?.type === 'identifier' ? this.localClass(node) : undefined;
  }

  private localClass(name: Node): Node | undefined {
    const binding = this.model.bindingAt(name.text, name);
    return binding?.kind === 'class' ? binding.node : undefined;
  }

  /**
   * The class of this file `receiver` is an instance of, when the text shows it: `self` in one of
   * its methods, `Class(...)`, or a name assigned from `Class(...)`.
   */
  private instanceClass(receiver: Node | null): Node | undefined {
    if (!receiver) return undefined;
    if (receiver.type === 'call') {
      const fn = receiver.childForFieldName('function');
      return fn?.type === 'identifier' ? this.localClass(fn) : undefined;
    }
    if (receiver.type !== 'identifier') return undefined;
    const scope = this.model.scopeOf(receiver);
    if (scope.type === 'function_definition') {
      const owner = classOfMethod(scope);
      const first = parameterNodes(scope)[0];
      if (owner && first && parameterName(first) === receiver.text && !staticMethod(scope) && !classMethod(scope))
        return owner;
    }
    const binding = this.model.bindingAt(receiver.text, receiver);
    return binding?.kind === 'assignment' && binding.value.type === 'call'
      ? this.instanceClass(binding.value)
      : undefined;
  }

  /**
   * The functions of this file that declare `global name` (in function bodies): they may assign
   * the module's `name` whenever they run.
   */
  private globalWriters(name: string): readonly Node[] {
    return this.fromElsewhere(
      this.globalWriterLists,
      `writers:${name}`,
      { declaring: name },
      () => {
        const writers: Node[] = [];
        for (const statement of this.model.globalStatementsNaming(name)) {
          const fn = this.model.scopeOf(statement);
          if (fn.type !== 'function_definition') continue;
          if (!writers.some((w) => w.id === fn.id)) writers.push(fn);
        }
        return writers;
      },
      [],
    );
  }

  /** True when a function of this file declares `global name` (the module's `name` is then not bound once). */
  assignedByFunctions(name: string): boolean {
    return this.globalWriters(name).length > 0;
  }

  /**
   * What the functions that declare `global name` assign to it (flow-insensitive: any of them may
   * have run before a function reads it), their parameters followed to their callers.
   */
  private globalWrites(name: string): TaintValue {
    const writers = this.globalWriters(name);
    if (!writers.length) return constant;
    return this.fromElsewhere(
      this.globalValues,
      `global:${name}`,
      { declaring: name },
      () => {
        const parts: TaintValue[] = [];
        for (const fn of writers) {
          const flow = this.flowOf(fn);
          for (const def of flow.graph.definitionsByName.get(name) ?? []) {
            if (def.kind === 'parameter') continue;
            parts.push(this.withCallers(this.definitionValue(flow, def), def.node, 0, true));
          }
        }
        return mergeAlternatives(parts);
      },
      constant,
      { kind: 'global', rest: name },
    );
  }

  // ---- closures ----

  /** The function around `use`'s own that binds its name, when the name is one of its variables (a closure). */
  private closureOwner(use: Node): Node | undefined {
    const functions = this.enclosingFunctions(use);
    if (functions.length < 2 || functions[0].id !== this.model.scopeOf(use).id) return undefined;
    return functions.slice(1).find((fn) => this.flowOf(fn).graph.definitionsByName.has(use.text));
  }

  /**
   * What a variable of `owner` holds when a function nested in it reads it (it may run at any time
   * after): every value `owner` gives it, and every change a nested function makes to it
   * (`box["value"] = value` in `put`), the nested functions' parameters followed to their callers.
   */
  private closureValue(name: string, owner: Node): TaintValue {
    return this.fromElsewhere(
      this.closureValues,
      `closure:${owner.id}:${name}`,
      { words: [name] },
      () => {
        const parts: TaintValue[] = [];
        const flow = this.flowOf(owner);
        for (const def of flow.graph.definitionsByName.get(name) ?? []) parts.push(this.definitionValue(flow, def));
        for (const nested of owner.childForFieldName('body')?.descendantsOfType('function_definition') ?? []) {
          if (!nested || this.closureOwnerOf(nested, name)?.id !== owner.id) continue;
          const inner = this.flowOf(nested);
          for (const def of inner.graph.definitionsByName.get(name) ?? []) {
            if (def.kind !== 'mutate' && !inner.graph.declaredOuter.has(name)) continue;
            parts.push(this.withCallers(this.definitionValue(inner, def), def.node, 0, true));
          }
        }
        return mergeAlternatives(parts);
      },
      constant,
    );
  }

  /** The function whose variable `name` is when `nested` reads it without binding it, else undefined. */
  private closureOwnerOf(nested: Node, name: string): Node | undefined {
    const own = this.flowOf(nested).graph;
    const defs = own.definitionsByName.get(name);
    // Bound in `nested` itself (not only changed in place, not declared `nonlocal`): a variable of its own.
    if (defs?.some((def) => def.kind !== 'mutate') && !own.declaredOuter.has(name)) return undefined;
    // The functions around `nested`'s definition (its own body is not among them).
    return this.enclosingFunctions(nested).find((fn) => this.flowOf(fn).graph.definitionsByName.has(name));
  }

  /**
   * The function a name holds when it was bound from what a function of this file returns
   * (`put, get = make_store()` with `return put, get`): a function defined inside that one.
   */
  private returnedFunction(name: Node): Node | undefined {
    const binding = this.model.bindingAt(name.text, name);
    if ((binding?.kind !== 'assignment' && binding?.kind !== 'unpack') || binding.value.type !== 'call')
      return undefined;
    const callee = binding.value.childForFieldName('function');
    const maker = callee?.type === 'identifier' ? this.localFunction(callee) : undefined;
    if (!maker) return undefined;
    let index: number | undefined;
    if (binding.kind === 'unpack') {
      const left = binding.node.childForFieldName('left');
      const targets = (left?.namedChildren ?? []).filter((c): c is Node => !!c && c.type !== 'comment');
      index = targets.findIndex((t) => t.type === 'identifier' && t.text === name.text);
      if (index < 0 || targets.some((t) => t.type !== 'identifier')) return undefined;
    }
    const returns: Node[] = [];
    const body = maker.childForFieldName('body');
    if (body) collectReturns(body, returns);
    let found: Node | undefined;
    for (const statement of returns) {
      let returned: Node | null | undefined = statement.namedChildren[0];
      if (index !== undefined) {
        const items = returned && ['expression_list', 'tuple'].includes(returned.type) ? returned.namedChildren : [];
        returned = items.filter((c): c is Node => !!c && c.type !== 'comment')[index];
      }
      if (returned?.type !== 'identifier') return undefined;
      const fn = this.localFunction(returned);
      if (!fn || (found && found.id !== fn.id)) return undefined;
      found = fn;
    }
    return found;
  }

  // ---- objects of the file's own classes ----

  /** What `object.attribute` holds: the object's entry, or for `self` in a method, what the callers' objects hold. */
  private attributeOf(object: Node, attribute: string): TaintValue {
    const value = this.valueOf(object);
    const read =
      value.shape?.kind === 'mapping' && !value.shape.store
        ? (value.shape.entries.get(`.${attribute}`) ?? value.shape.others)
        : withoutShape(value);
    const method = this.selfMethod(object);
    if (!method || !read.contributions.some((c) => c.parameter === object.text)) return read;
    const rest = read.contributions.filter((c) => c.parameter !== object.text);
    return joinTaint({ contributions: rest }, this.receiverAttribute(method, attribute));
  }

  /** The method whose `self` (first parameter) `node` is, else undefined. */
  private selfMethod(node: Node): Node | undefined {
    if (node.type !== 'identifier') return undefined;
    const scope = this.model.scopeOf(node);
    if (scope.type !== 'function_definition' || !classOfMethod(scope) || staticMethod(scope) || classMethod(scope))
      return undefined;
    const first = parameterNodes(scope)[0];
    return first && parameterName(first) === node.text ? scope : undefined;
  }

  /**
   * What `self.attribute` holds when `method` starts: the attribute of every object of this file it
   * is called on (`Action(x).run()`, `action.run()` after `action.reset()`, `self.run()` from another
   * method), as the object stands at the call; in `__init__`, the class's own attribute. Objects made
   * elsewhere may hold anything: a value of unknown origin stays.
   */
  private receiverAttribute(method: Node, attribute: string): TaintValue {
    const name = method.childForFieldName('name')?.text ?? 'method';
    const elsewhere = this.unknown(method, `\`self.${attribute}\``);
    const key = `attribute:${method.id}:${attribute}`;
    return this.fromElsewhere(
      this.attributeValues,
      key,
      // The calls of the method; for `__init__`, whose answer reads the class rather than its calls, every place that
      // names the class. What the objects hold at the calls is read through the functions and methods looked up on
      // the way (an edit of one changes its name's lookups: `action.reset()` before `action.run()`), the class's body
      // and `__init__` for `Action(x)`: a method that sets the attribute and is called on no such way is not read.
      name === '__init__' ? { words: [this.calledAs(method) ?? ''] } : this.callsRead(method),
      () => {
        const parts: TaintValue[] = [elsewhere];
        if (name === '__init__') {
          const owner = classOfMethod(method);
          const declared = owner && this.classAttributes(owner).get(`.${attribute}`);
          if (declared) parts.push(declared);
          return joinTaint(...parts);
        }
        const heldIn = (calls: readonly Node[]) => {
          const held: TaintValue[] = [];
          for (const call of calls) {
            const receiver = call.childForFieldName('function')?.childForFieldName('object');
            if (!receiver) continue;
            const value = this.withCallers(this.attributeOf(receiver, attribute), call, 0, true);
            // At the method's name: the receiver's own steps may start where the call does (`Action(x).run()`).
            const at = call.childForFieldName('function')?.childForFieldName('attribute') ?? call;
            held.push(
              withStep(value, {
                start: at.startIndex,
                end: call.endIndex,
                message: `\`${name}()\` is called on \`${short(receiver.text)}\``,
              }),
            );
          }
          return joinTaint(...held);
        };
        const byCaller = this.partsByHolder(this.attributeValues, key, this.sameFileCalls(method), heldIn, {
          kind: 'attribute',
          rest: attribute,
          about: method,
        });
        return joinTaint(...parts, ...byCaller);
      },
      elsewhere,
      { kind: 'attribute', rest: attribute, about: method },
    );
  }

  /** The method of a class of this file that `call` (`obj.method(...)`) calls on one of its instances. */
  private objectMethod(call: Node): Node | undefined {
    const fn = call.childForFieldName('function');
    if (fn?.type !== 'attribute') return undefined;
    const owner = this.instanceClass(fn.childForFieldName('object'));
    const name = fn.childForFieldName('attribute')?.text;
    const method = owner && name ? this.model.methodNamed(owner, name) : undefined;
    return method && !staticMethod(method) && !classMethod(method) ? method : undefined;
  }

  /** True when `method` assigns an attribute of its `self`. */
  private writesSelf(method: Node): boolean {
    let known = this.selfWriters.get(method.id);
    if (known === undefined) {
      const first = parameterNodes(method)[0];
      const self = first && parameterName(first);
      const body = method.childForFieldName('body');
      known =
        !!self &&
        !!body &&
        body.descendantsOfType(['assignment', 'augmented_assignment']).some((assignment) => {
          const left = assignment?.childForFieldName('left');
          return left?.type === 'attribute' && left.childForFieldName('object')?.text === self;
        });
      this.selfWriters.set(method.id, known);
    }
    return known;
  }

  /**
   * A call of code of this file other than a plain function: a class (an object with the class's
   * attributes and what `__init__` assigns to `self`, each from the arguments of this call), a
   * method on one of its instances (the method's summary), a lambda bound to a name (its body, each
   * parameter what the call passes).
   */
  private callOfFileCode(call: Node, fn: Node | null, args: Node[]): TaintValue | undefined {
    if (fn?.type === 'identifier') {
      const owner = this.localClass(fn);
      if (owner) return this.constructedObject(call, owner, args);
      if (this.localFunction(fn)) return undefined;
      const returned = this.returnedFunction(fn);
      if (returned) {
        this.external = true;
        const summary = this.summaryOf(returned);
        return summary
          ? this.applySummary(call, returned.childForFieldName('name')?.text ?? 'function', summary, args)
          : undefined;
      }
      const binding = this.model.reachingAssignment(fn);
      if (binding?.kind !== 'assignment' || binding.value.type !== 'lambda') return undefined;
      const body = binding.value.childForFieldName('body');
      if (!body) return undefined;
      this.external = true;
      return this.passArguments(withoutShape(this.valueOf(body)), binding.value, call, constant);
    }
    const method = this.objectMethod(call);
    if (!method) return undefined;
    this.external = true;
    const summary = this.summaryOf(method);
    if (!summary) return undefined;
    const receiver = fn!.childForFieldName('object')!;
    const self = summary.parameters[0];
    const returned = this.applySummary(call, method.childForFieldName('name')?.text ?? 'method', summary, args);
    // What the method returns of `self` itself is the receiver.
    if (!summary.returns.contributions.some((c) => c.parameter === self)) return returned;
    return joinTaint(returned, withoutShape(this.valueOf(receiver)));
  }

  private constructedObject(call: Node, owner: Node, args: Node[]): TaintValue {
    const className = owner.childForFieldName('name')?.text ?? 'class';
    const attributes = this.classAttributes(owner);
    const bases = owner.childForFieldName('superclasses')?.text ?? '';
    // An enumeration: the call gives one of its members, whatever the argument (or raises).
    if (/\b(?:Enum|IntEnum|StrEnum|Flag|IntFlag)\b/.test(bases))
      return mapping(
        new Map([
          ['.value', mergeAlternatives([...attributes.values()])],
          ['.name', constant],
        ]),
      );
    const entries = new Map(attributes);
    let others = this.unknown(call, `an attribute of a \`${className}\` object`);
    const init = this.model.methodNamed(owner, '__init__');
    if (!init) {
      // An `__init__` the file does not show (a base class, `@dataclass`) may keep the arguments in any attribute.
      if ((bases || owner.parent?.type === 'decorated_definition') && args.length) {
        const passed = joinTaint(...args.map((a) => this.valueOf(a)));
        for (const [key, value] of entries) entries.set(key, joinTaint(value, passed));
        others = joinTaint(others, passed);
      }
      return mapping(entries, others);
    }
    this.external = true;
    const first = parameterNodes(init)[0];
    const self = first && parameterName(first);
    const atExit = self ? this.valueAtReturn(init, self) : constant;
    if (atExit.shape?.kind === 'mapping')
      for (const [key, value] of atExit.shape.entries)
        entries.set(key, this.passArguments(value, init, call, mapping(attributes, others)));
    return mapping(entries, others);
  }

  /** What `method` called as `call` does to the object it is called on: the attributes it assigns to `self`. */
  private methodEffect(before: TaintValue, method: Node, call: Node): TaintValue {
    const first = parameterNodes(method)[0];
    const self = first && parameterName(first);
    if (!self) return before;
    this.external = true;
    const atExit = this.valueAtReturn(method, self);
    if (atExit.shape?.kind !== 'mapping') return before;
    const name = method.childForFieldName('name')?.text ?? 'method';
    let result = before;
    for (const [key, value] of atExit.shape.entries) {
      const stored = withStep(this.passArguments(value, method, call, before), {
        start: call.startIndex,
        end: call.endIndex,
        message: `\`${name}()\` sets \`${key.slice(1)}\``,
      });
      result = this.writeKey(result, key, stored, constant);
    }
    return result;
  }

  /** The value `name` has when `fn` returns (not when it raises). */
  private valueAtReturn(fn: Node, name: string): TaintValue {
    const flow = this.flowOf(fn);
    const facts = this.solving(flow, name, () => flow.graph.atReturn(name));
    const parameter = flow.graph.definitionsByName.get(name)?.find((def) => def.kind === 'parameter');
    if (!facts?.length || !parameter?.target) return constant;
    return mergeAlternatives(facts.map((fact) => this.factValue(flow, fact, parameter.target!)));
  }

  /**
   * `value`, computed in `fn` with its parameters symbolic, as the call `call` makes it: each
   * parameter is what the call passes, `self` the object it is called on (`self`'s value before).
   */
  private passArguments(value: TaintValue, fn: Node, call: Node, self: TaintValue): TaintValue {
    const names = parameterNodes(fn).map((p) => parameterName(p));
    const selfName = classOfMethod(fn) && !staticMethod(fn) ? names[0] : undefined;
    const fnName = calledName(fn);
    const parts: TaintValue[] = [];
    for (const c of value.contributions) {
      if (c.parameter === undefined || !names.includes(c.parameter)) {
        parts.push({ contributions: [c] });
        continue;
      }
      let passed: TaintValue;
      if (c.parameter === selfName) passed = withoutShape(self);
      else {
        const argument = this.argumentFor(call, fn, c.parameter);
        if (!argument) continue;
        passed = withStep(withoutShape(this.valueOf(argument)), {
          start: call.startIndex,
          end: call.endIndex,
          message: `\`${fnName}()\` is called with \`${short(argument.text)}\``,
        });
      }
      passed = sanitized(passed, [...c.sanitizedFor]);
      for (const step of c.steps) passed = withStep(passed, step);
      parts.push(passed);
    }
    return joinTaint(...parts);
  }

  /** The attributes a class body assigns (`value = "x"`), keyed `.value`. */
  private classAttributes(owner: Node): Map<string, TaintValue> {
    this.model.readsClassBody(owner);
    const attributes = new Map<string, TaintValue>();
    for (const statement of owner.childForFieldName('body')?.namedChildren ?? []) {
      const assignment = statement?.type === 'expression_statement' ? statement.namedChildren[0] : undefined;
      const left = assignment?.type === 'assignment' ? assignment.childForFieldName('left') : undefined;
      const right = assignment?.childForFieldName('right');
      if (left?.type === 'identifier' && right) attributes.set(`.${left.text}`, withoutShape(this.valueOf(right)));
    }
    return attributes;
  }

  // ---- checks ----

  /**
   * What `condition` being `holds` proves about `name`: the sink kinds its value is safe for, or `all`. Computed
   * once per condition, name and outcome (every reaching definition of a long function passes the same checks),
   * with what the answer read replayed on each use.
   */
  private checks(condition: Node, name: string, holds: boolean): SinkKind[] | 'all' {
    const key = `${condition.id}:${holds ? 1 : 0}:${name}`;
    const cached = this.checkCache.get(key) ?? this.stillProvisional(this.provisionalChecks.get(key));
    if (cached) {
      if (cached.external) this.external = true;
      this.model.replayUses(cached.uses);
      return cached.kinds;
    }
    const outerExternal = this.external;
    const outerLowest = this.lowest;
    this.external = false;
    this.lowest = Infinity;
    let kinds: SinkKind[] | 'all';
    let uses: ReadonlySet<string> | undefined;
    let external = false;
    let lowest = Infinity;
    try {
      [kinds, uses] = this.model.collectUses(() => this.computeChecks(condition, name, holds));
    } finally {
      // Restored on a throw too; only an answer is kept.
      external = this.external;
      lowest = this.lowest;
      this.external = outerExternal || external;
      this.lowest = Math.min(outerLowest, this.lowest);
    }
    // An answer that read a loop's definition before it settled is kept for that loop's round only.
    if (lowest === Infinity) {
      this.checkCache.set(key, { kinds, external, uses });
      this.provisionalChecks.delete(key);
    } else this.provisionalChecks.set(key, this.provisionally({ kinds, external, uses }, lowest));
    return kinds;
  }

  private computeChecks(condition: Node, name: string, holds: boolean): SinkKind[] | 'all' {
    switch (condition.type) {
      case 'parenthesized_expression':
        return condition.namedChildren[0] ? this.checks(condition.namedChildren[0], name, holds) : [];
      case 'not_operator': {
        const argument = condition.childForFieldName('argument');
        return argument ? this.checks(argument, name, !holds) : [];
      }
      case 'boolean_operator': {
        const operator = condition.childForFieldName('operator')?.text;
        const left = condition.childForFieldName('left');
        const right = condition.childForFieldName('right');
        // `a and b` holding proves both; `a or b` failing proves both failed.
        if ((operator === 'and') !== holds || !left || !right) return [];
        const a = this.checks(left, name, holds);
        const b = this.checks(right, name, holds);
        if (a === 'all' || b === 'all') return 'all';
        return [...a, ...b];
      }
      case 'identifier': {
        // `allowed = url_has_allowed_host_and_scheme(target, ...)`, then `if not allowed:`.
        const def = this.soleDefinition(condition);
        if (typeof def !== 'object' || def.kind !== 'assign' || def.iterate || def.path?.length) return [];
        return def.value?.type === 'call' ? this.checks(def.value, name, holds) : [];
      }
      case 'case_pattern': {
        // `match x: case "a" | "b":` proves x is one of the literals.
        const subjects = matchSubjects(condition);
        return holds &&
          subjects.length === 1 &&
          subjects[0].type === 'identifier' &&
          subjects[0].text === name &&
          patternLiterals(condition)
          ? 'all'
          : [];
      }
      case 'comparison_operator': {
        const operands = condition.namedChildren.filter((c): c is Node => !!c);
        const operators = condition.children
          .filter((c): c is Node => !!c && !c.isNamed)
          .map((c) => c.text)
          .join(' ');
        if (operands.length !== 2) return [];
        const [left, right] = operands;
        // `re.fullmatch(...) is not None`
        if ((operators === 'is not' || operators === 'is' || operators === '!=') && right.type === 'none') {
          const matched = operators === 'is' ? !holds : holds;
          return matched ? this.checks(left, name, true) : [];
        }
        const membership = operators === 'in' ? holds : operators === 'not in' ? !holds : undefined;
        const equality = operators === '==' ? holds : operators === '!=' ? !holds : undefined;
        if (membership || equality) {
          const fixed = this.valueOf(right).contributions.length === 0;
          if (fixed && left.type === 'identifier' && left.text === name) return 'all';
          // `"admin" == role`
          if (
            equality &&
            right.type === 'identifier' &&
            right.text === name &&
            this.valueOf(left).contributions.length === 0
          )
            return 'all';
          if (fixed && isHostOf(left, name, this.model)) return ['url', 'redirect'];
          // `parsed.hostname in ALLOWED_HOSTS`: a URL built from `parsed` goes to an allowed host.
          const parsed = left.type === 'attribute' ? left.childForFieldName('object') : undefined;
          if (
            fixed &&
            parsed?.type === 'identifier' &&
            parsed.text === name &&
            ['hostname', 'netloc'].includes(left.childForFieldName('attribute')?.text ?? '')
          )
            return ['url', 'redirect'];
          // `os.path.commonpath([base, p]) == base`
          if (
            equality &&
            left.type === 'call' &&
            /commonpath$/.test(this.model.calleeName(left) ?? '') &&
            mentions(left, name)
          )
            return ['path'];
        }
        return [];
      }
      case 'call': {
        if (!holds) return [];
        const fn = condition.childForFieldName('function');
        if (condition.parent?.type === 'expression_statement')
          return fn?.type === 'identifier' ? this.returnChecks(fn, condition, name) : [];
        const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn?.text;
        const target = fn?.type === 'attribute' ? fn.childForFieldName('object') : undefined;
        const args = (condition.childForFieldName('arguments')?.namedChildren ?? []).filter(
          (a): a is Node => !!a && a.type !== 'comment',
        );
        if (method === 'is_relative_to' && (target?.text === name || mentions(condition, name))) return ['path'];
        if (
          method &&
          ['isdigit', 'isdecimal', 'isnumeric', 'isalnum', 'isalpha', 'isidentifier'].includes(method) &&
          target?.type === 'identifier' &&
          target.text === name
        )
          return 'all';
        if (method && safeUrlChecks.has(method.replace(/^.*\./, '')) && mentions(condition, name))
          return ['redirect', 'url'];
        const callee = this.model.calleeName(condition);
        // `isinstance(x, int)`: a number carries no text of its own.
        const isinstance =
          callee === 'builtins.isinstance' ||
          (fn?.type === 'identifier' && fn.text === 'isinstance' && !this.model.isBound('isinstance', fn));
        if (isinstance && args[0]?.type === 'identifier' && args[0].text === name && args[1]) {
          const types = args[1].type === 'tuple' ? args[1].namedChildren.filter((c): c is Node => !!c) : [args[1]];
          if (types.length && types.every((type) => scalarTypes.test(type.text))) return 'all';
          return [];
        }
        // `re.fullmatch(r"[\w-]+", x)`: only letters, digits, `_` and `-` (or a few more: fewer sinks).
        if (
          callee &&
          /^re\.(?:fullmatch|match|search)$/.test(callee) &&
          args[1]?.type === 'identifier' &&
          args[1].text === name
        ) {
          const pattern = this.constantOf(args[0]);
          if (pattern?.type !== 'str') return [];
          const anchored = callee !== 're.search' || /^(?:\^|\\A)/.test(pattern.value);
          const whole = callee === 're.fullmatch' || /\\Z$/.test(pattern.value);
          // `$` also matches before a final line break.
          if (!anchored || (!whole && !/\$$/.test(pattern.value))) return [];
          const allowed = allowedCharacters(pattern.value);
          if (!allowed) return [];
          // `/[a-z]*`: a path on this site (a second `/` or a `\` could make it `//host`).
          const rest = allowedCharacters(pattern.value.replace(/^(?:\^|\\A)?\//, ''));
          if (
            /^(?:\^|\\A)?\//.test(pattern.value) &&
            rest &&
            !rest.has('/') &&
            !rest.has('\\') &&
            [...rest].every((c) => /[A-Za-z0-9_.-]/.test(c))
          )
            return ['redirect', 'url', ...lineKinds.filter((k) => k !== 'path')];
          const kinds = kindsForCharacters(allowed, whole);
          // `[\w-]+\.txt`: one file name, never `.` or `..` (no separator to climb with either).
          if (kinds !== 'all' && whole && !allowed.has('/') && !allowed.has('\\') && !matchesDotSegment(pattern.value))
            return [...kinds, 'path'];
          return kinds;
        }
        // A validator written in this file: `def is_safe(v): return v in ALLOWED`.
        if (fn?.type === 'identifier' || fn?.type === 'attribute') return this.validatorChecks(fn, args, name);
        return [];
      }
      default:
        return [];
    }
  }

  /** What a same-file function called as a statement checks about the argument `name` before it returns. */
  private returnChecks(fn: Node, call: Node, name: string): SinkKind[] | 'all' {
    const local = this.localFunction(fn);
    const args = (call.childForFieldName('arguments')?.namedChildren ?? []).filter(
      (a): a is Node => !!a && a.type !== 'comment' && a.type !== 'keyword_argument',
    );
    const position = args.findIndex((a) => a.type === 'identifier' && a.text === name);
    if (!local || position < 0 || this.validatorDepth > 2) return [];
    const parameters = (local.childForFieldName('parameters')?.namedChildren ?? [])
      .filter((p): p is Node => !!p)
      .map((p) => parameterName(p));
    const parameter = parameters[position + (parameters[0] === 'self' ? 1 : 0)];
    if (!parameter) return [];
    this.external = true;
    this.validatorDepth++;
    try {
      const flow = this.flowOf(local);
      const facts = this.solving(flow, parameter, () => flow.graph.atReturn(parameter));
      if (!facts?.length) return [];
      let common: Set<SinkKind> | 'all' | undefined;
      for (const fact of facts) {
        // Only the argument itself, unchanged since the function began, is the caller's value.
        if (fact.def < 0 || flow.graph.definitions[fact.def].kind !== 'parameter') return [];
        const kinds = this.guardKinds(fact.guards, parameter);
        if (kinds === 'all') continue;
        const set = new Set(kinds);
        common = common === undefined || common === 'all' ? set : new Set([...common].filter((k) => set.has(k)));
      }
      return common === undefined || common === 'all' ? 'all' : [...common];
    } finally {
      this.validatorDepth--;
    }
  }

  /** What a same-file function returning a check proves about the argument `name` when it returns true. */
  private validatorChecks(fn: Node, args: Node[], name: string): SinkKind[] | 'all' {
    const position = args.findIndex((a) => a.type === 'identifier' && a.text === name);
    if (position < 0 || this.validatorDepth > 2) return [];
    const local = fn.type === 'identifier' ? this.localFunction(fn) : undefined;
    if (!local) {
      // A validator in another module of the workspace: `validators.is_valid(x)`.
      const imported = this.moduleFunction(fn);
      if (!imported) return [];
      this.external = true;
      return this.modules!.analysis.validatorKinds(imported, position, this.options);
    }
    const parameters = (local.childForFieldName('parameters')?.namedChildren ?? [])
      .filter((p): p is Node => !!p)
      .map((p) => parameterName(p));
    const parameter = parameters[position + (parameters[0] === 'self' ? 1 : 0)];
    if (!parameter) return [];
    this.external = true;
    return this.returnedCheck(local, parameter);
  }

  /** What a function whose body is one `return <check>` proves about `parameter` when it returns true. */
  private returnedCheck(local: Node, parameter: string): SinkKind[] | 'all' {
    const statements = (local.childForFieldName('body')?.namedChildren ?? []).filter(
      (s): s is Node =>
        !!s && s.type !== 'comment' && !(s.type === 'expression_statement' && s.namedChildren[0]?.type === 'string'),
    );
    const returned =
      statements.length === 1 && statements[0].type === 'return_statement' ? statements[0].namedChildren[0] : undefined;
    if (!returned || this.validatorDepth > 2) return [];
    this.validatorDepth++;
    try {
      return this.checks(returned, parameter, true);
    } finally {
      this.validatorDepth--;
    }
  }
}

/** `urlparse(name).hostname` / `.netloc`, directly or through a name assigned from it. */
function isHostOf(node: Node, name: string, model: SemanticModel): boolean {
  if (node.type === 'identifier') {
    const value = model.assignedValue(node);
    return !!value && isHostOf(value, name, model);
  }
  if (node.type !== 'attribute' || !['hostname', 'netloc'].includes(node.childForFieldName('attribute')?.text ?? ''))
    return false;
  let object = node.childForFieldName('object');
  if (object?.type === 'identifier') object = model.assignedValue(object) ?? object;
  if (
    object?.type !== 'call' ||
    !/(?:urlparse|urlsplit)$/.test(model.calleeName(object) ?? object.childForFieldName('function')?.text ?? '')
  )
    return false;
  return mentions(object, name);
}

function mentions(node: Node, name: string): boolean {
  if (node.type === 'identifier') return node.text === name;
  return node.namedChildren.some((child) => !!child && mentions(child, name));
}

/** The `return` statements and `yield` expressions of a function body (not of functions nested in it). */
function collectReturns(node: Node, into: Node[]): void {
  for (const child of node.namedChildren) {
    if (!child || child.type === 'function_definition' || child.type === 'class_definition' || child.type === 'lambda')
      continue;
    // A generator's callers get what it yields (`yield x`, `yield from xs`), as they get what a function returns.
    if (child.type === 'return_statement' || child.type === 'yield') {
      into.push(child);
      if (child.type === 'return_statement') continue;
    }
    collectReturns(child, into);
  }
}

/** The target part of a binding statement, where a flow step points. */
function targetOf(statement: Node): Node | undefined {
  switch (statement.type) {
    case 'assignment':
    case 'augmented_assignment':
    case 'for_statement':
    case 'for_in_clause':
      return statement.childForFieldName('left') ?? undefined;
    case 'named_expression':
      return statement.childForFieldName('name') ?? undefined;
    case 'with_item': {
      const value = statement.childForFieldName('value');
      return value?.type === 'as_pattern' ? (value.childForFieldName('alias') ?? undefined) : undefined;
    }
    default:
      return undefined;
  }
}

function firstIdentifier(statement: Node): Node | undefined {
  const left = statement.childForFieldName('left');
  return left?.type === 'identifier' ? left : undefined;
}

function parameterName(parameter: Node): string | undefined {
  if (parameter.type === 'identifier') return parameter.text;
  return (parameter.childForFieldName('name') ?? parameter.namedChildren.find((c) => c?.type === 'identifier'))?.text;
}

/** The `for` clause of a comprehension around `use` that binds its name, if any (it binds there, not in the scope). */
function comprehensionClause(use: Node): Node | undefined {
  for (let current = use.parent; current; current = current.parent) {
    if (/(?:_statement|_definition|^module|^block|^lambda)$/.test(current.type)) return undefined;
    if (!comprehensions.has(current.type)) continue;
    for (const clause of current.namedChildren) {
      if (clause?.type !== 'for_in_clause') continue;
      const left = clause.childForFieldName('left');
      // The first clause's iterable is read outside the comprehension.
      if (
        left &&
        mentions(left, use.text) &&
        !(
          use.startIndex >= (clause.childForFieldName('right')?.startIndex ?? 0) &&
          clause === current.namedChildren.find((c) => c?.type === 'for_in_clause') &&
          use.endIndex <= clause.endIndex
        )
      )
        return clause;
    }
  }
  return undefined;
}

function sameValue(a: Constant, b: Constant): boolean | undefined {
  if (a.type !== b.type) return (a.type === 'str') !== (b.type === 'str') ? false : undefined;
  if (a.type === 'str' || a.type === 'bytes') return a.value === (b as typeof a).value;
  if (a.type === 'int') return a.value === (b as typeof a).value;
  return a.type === 'none' ? true : undefined;
}

/** `case "a" | "b" as x:`: the literals a pattern made only of literals matches, else undefined. */
function patternLiterals(pattern: Node): Constant[] | undefined {
  const literal = (node: Node): Constant | undefined => {
    switch (node.type) {
      case 'string':
      case 'integer':
      case 'float':
      case 'true':
      case 'false':
      case 'none':
      case 'concatenated_string':
        return evaluate(node, { name: () => undefined, builtin: () => false });
      default:
        return undefined;
    }
  };
  const inner = pattern.namedChildren.filter((c): c is Node => !!c);
  if (pattern.children.some((c) => c?.text === '-')) return undefined;
  if (pattern.type === 'case_pattern' && inner.length === 1) {
    const only = inner[0];
    if (only.type === 'as_pattern') {
      const base = only.namedChildren.find((c) => c?.type === 'case_pattern');
      return base ? patternLiterals(base) : undefined;
    }
    if (only.type === 'union_pattern' || only.type === 'case_pattern') return patternLiterals(only);
    const value = literal(only);
    return value ? [value] : undefined;
  }
  if (pattern.type === 'union_pattern') {
    const values: Constant[] = [];
    for (const part of inner) {
      const found = part.type === 'case_pattern' ? patternLiterals(part) : literal(part);
      if (!found) return undefined;
      values.push(...(Array.isArray(found) ? found : [found]));
    }
    return values;
  }
  return undefined;
}

/** The elements a `for` over a constant gives (the keys of a dict), else undefined. */
function elementsOf(value: Constant): Constant[] | undefined {
  switch (value.type) {
    case 'list':
    case 'tuple':
    case 'set':
      return value.items;
    case 'dict':
      return value.entries.map(([key]) => key);
    case 'str':
      return [...value.value].map((c) => ({ type: 'str', value: c }));
    default:
      return undefined;
  }
}

/** `"'" + x.replace(...) + "'"`: the value sits between single quotes. */
function quotedByConcatenation(call: Node): boolean {
  const inner = call.parent;
  const outer = inner?.parent;
  const quote = (node: Node | null | undefined) => /^[rRbBuU]?["']'["']$/.test(node?.text ?? '');
  return (
    inner?.type === 'binary_operator' &&
    inner.childForFieldName('right')?.id === call.id &&
    quote(inner.childForFieldName('left')) &&
    outer?.type === 'binary_operator' &&
    outer.childForFieldName('left')?.id === inner.id &&
    quote(outer.childForFieldName('right'))
  );
}

/**
 * What a value made only of `allowed` characters is safe for (`whole`: matched to the end; `path`:
 * the pattern starts with a literal `/`, so a redirect target stays on the site).
 */
function kindsForCharacters(allowed: ReadonlySet<string>, whole: boolean): SinkKind[] | 'all' {
  const only = (pattern: RegExp) => [...allowed].every((c) => pattern.test(c));
  if (only(/^[A-Za-z0-9_-]$/)) return whole ? 'all' : [...lineKinds];
  // A dot allows `..` (a path) and a host name (a URL): still no quote, space or operator.
  if (only(/^[A-Za-z0-9_.-]$/))
    return ['sql', 'shell', 'code', 'html', 'template', 'xml', ...(whole ? (['log', 'header'] as SinkKind[]) : [])];
  return [];
}

/** How a call of `fn` is written: its name, or its class's for `__init__`. */
function calledName(fn: Node): string {
  if (fn.type === 'lambda' && fn.parent?.type === 'assignment')
    return fn.parent.childForFieldName('left')?.text ?? 'lambda';
  const name = fn.childForFieldName('name')?.text ?? 'function';
  const owner = name === '__init__' ? classOfMethod(fn) : undefined;
  return owner?.childForFieldName('name')?.text ?? name;
}

/**
 * Whether a pattern may match `.` or `..` as a whole (tested as a JavaScript expression, which reads
 * simple Python patterns the same way; a pattern it cannot read may).
 */
function matchesDotSegment(pattern: string): boolean {
  const inner = pattern.replace(/^(?:\^|\\A)/, '').replace(/(?:\$|\\Z)$/, '');
  if (/\(\?[^:=!]/.test(inner)) return true;
  try {
    const whole = new RegExp(`^(?:${inner})$`);
    return whole.test('.') || whole.test('..');
  } catch {
    return true;
  }
}
