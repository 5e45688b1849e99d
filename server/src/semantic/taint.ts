import type { Node } from '../parser/parser';
import type { Binding, SemanticModel } from './model';
import {
  SinkKind,
  SourceFamily,
  SourceStrength,
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
  sourceValues,
  transparentMethods,
} from './taintCatalog';

/** Where untrusted data entered: `request.args` at some place in the file. */
export interface TaintSource {
  family: SourceFamily;
  strength: SourceStrength;
  /** How the source reads in a message: `request.args`, `input()`, route parameter `name`. */
  label: string;
  start: number;
  end: number;
}

import type { FlowStep } from '../core/types';
export type { FlowStep };

/** One way a value may not be constant: untrusted data from a source, or a value of unknown origin. */
export interface Contribution {
  level: 'tainted' | 'unknown';
  source?: TaintSource;
  /** What makes the value unknown when there is no source (`parameter \`x\``, `the result of \`load()\``). */
  reason?: string;
  /** From the source to the last assignment before the use; the sink is not included. */
  steps: readonly FlowStep[];
  /** Sink kinds a sanitizer along the way made the value safe for. */
  sanitizedFor: ReadonlySet<SinkKind>;
  /** A parameter of the enclosing function the value comes from (used for function summaries). */
  parameter?: string;
}

/** Everything that may make a value non-constant. No contributions: built only from constants. */
export interface TaintValue {
  contributions: readonly Contribution[];
}

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

const constant: TaintValue = { contributions: [] };
const noKinds: ReadonlySet<SinkKind> = new Set();
const MAX_CONTRIBUTIONS = 6;
const MAX_STEPS = 12;
const MAX_DEPTH = 60;
const MAX_SUMMARY_DEPTH = 4;

const numericConversions: ReadonlySet<string> = new Set(['d', 'i', 'u', 'f', 'F', 'e', 'E', 'g', 'G', 'x', 'X', 'o']);
const numericFormat = /^:.*[dfFeEgGxXobn%]$/;

const rank = (c: Contribution) => (c.level === 'tainted' ? (c.source?.strength === 'strong' ? 3 : 2) : 1);

/** Every contribution of both, strongest first, without repeats. */
export function joinTaint(...values: TaintValue[]): TaintValue {
  const all = values.flatMap((value) => value.contributions);
  if (all.length <= 1) return all.length ? { contributions: all } : constant;
  const seen = new Set<string>();
  const kept: Contribution[] = [];
  for (const c of [...all].sort((a, b) => rank(b) - rank(a))) {
    const key = `${c.level}|${c.source?.label ?? c.reason}|${c.parameter ?? ''}|${[...c.sanitizedFor].sort().join(',')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(c);
    if (kept.length >= MAX_CONTRIBUTIONS) break;
  }
  return { contributions: kept };
}

function withStep(value: TaintValue, step: FlowStep | undefined): TaintValue {
  if (!step || value.contributions.length === 0) return value;
  return {
    contributions: value.contributions.map((c) =>
      c.steps.length >= MAX_STEPS || c.steps.some((s) => s.start === step.start)
        ? c
        : { ...c, steps: [...c.steps, step] },
    ),
  };
}

function sanitized(value: TaintValue, kinds: readonly SinkKind[]): TaintValue {
  if (value.contributions.length === 0) return value;
  return {
    contributions: value.contributions.map((c) => ({ ...c, sanitizedFor: new Set([...c.sanitizedFor, ...kinds]) })),
  };
}

const short = (text: string) => {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 40 ? `${flat.slice(0, 37)}...` : flat;
};

/** How often a function summary was reused from an earlier analysis (for tests and measurements). */
export const summaryCacheStats = { hits: 0, misses: 0 };
const MAX_CACHED_SUMMARIES = 2000;
const summaryCache = new Map<string, Summary>();

/** Keeps the most recently used summaries: an edit re-analyses only functions whose text changed. */
function rememberSummary(key: string, summary: Summary): void {
  summaryCache.delete(key);
  summaryCache.set(key, summary);
  if (summaryCache.size > MAX_CACHED_SUMMARIES) summaryCache.delete(summaryCache.keys().next().value!);
}

/** The same contributions with every offset moved by `delta` (summaries are stored relative to their function). */
function shifted(value: TaintValue, delta: number): TaintValue {
  if (delta === 0 || value.contributions.length === 0) return value;
  const move = <T extends { start: number; end: number }>(item: T): T => ({
    ...item,
    start: item.start + delta,
    end: item.end + delta,
  });
  return {
    contributions: value.contributions.map((c) => ({
      ...c,
      source: c.source && move(c.source),
      steps: c.steps.map(move),
    })),
  };
}

/** Non-constant summary of a same-file function: what its return value carries, parameters included. */
interface Summary {
  returns: TaintValue;
  parameters: string[];
}

/**
 * Per-function taint tracking over the semantic model: asked about an expression, it follows names
 * back through the assignments that reach it, to sources (request data, `input()`, ...), to
 * constants, or to values of unknown origin, noting sanitizers and guards on the way. Answers are
 * computed on demand and cached per node, so only the functions rules ask about are analysed.
 */
export class TaintTracker {
  /** Each node's value, and whether it depends on anything outside its function's own text. */
  private readonly cache = new Map<number, { value: TaintValue; external: boolean; uses?: ReadonlySet<string> }>();
  /** Set while computing a value that reads something outside the enclosing function. */
  private external = false;
  private contextKey: string | undefined;
  private readonly summaries = new Map<number, Summary | 'pending'>();
  private readonly handlers = new Map<
    number,
    { parameters: Map<string, 'tainted' | 'safe'> | undefined; uses?: ReadonlySet<string> }
  >();
  /** The outer names each computed summary looked up (passed on whenever the summary is used again). */
  private readonly summaryUses = new Map<number, ReadonlySet<string> | undefined>();
  private readonly extraSources: ReadonlySet<string>;
  private readonly extraSanitizers: ReadonlySet<string>;
  private depth = 0;
  private summaryDepth = 0;

  constructor(
    private readonly model: SemanticModel,
    private readonly options: TaintOptions,
  ) {
    this.extraSources = new Set(options.extraSources);
    this.extraSanitizers = new Set(options.extraSanitizers);
  }

  /**
   * How `node` stands for a sink of `kind`: the strongest contribution no sanitizer made safe for it (sources of
   * `ignore`d families left out).
   */
  taintOf(node: Node, kind?: SinkKind, ignore?: ReadonlySet<SourceFamily>): Taint {
    const value = this.valueOf(node);
    for (const c of value.contributions) {
      if (kind && c.sanitizedFor.has(kind)) continue;
      if (ignore && c.source && ignore.has(c.source.family)) continue;
      return { level: c.level, source: c.source, reason: c.reason, steps: c.steps };
    }
    return { level: 'constant', steps: [] };
  }

  valueOf(node: Node): TaintValue {
    const cached = this.cache.get(node.id);
    if (cached) {
      if (cached.external) this.external = true;
      this.model.replayUses(cached.uses);
      return cached.value;
    }
    if (this.depth > MAX_DEPTH) {
      this.external = true;
      return this.unknown(node, `\`${short(node.text)}\``);
    }
    const outer = this.external;
    this.external = false;
    this.depth++;
    let value: TaintValue;
    let uses: ReadonlySet<string> | undefined;
    try {
      [value, uses] = this.model.collectUses(() => this.compute(node));
    } finally {
      this.depth--;
    }
    const external = this.external;
    this.cache.set(node.id, { value, external, uses });
    this.external = outer || external;
    return value;
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
        return conversion === '!r' || conversion === '!a' ? sanitized(value, ['log']) : value;
      }
      case 'identifier':
        return this.identifier(node);
      case 'attribute':
        return this.attribute(node);
      case 'subscript': {
        const base = node.childForFieldName('value');
        return base ? this.valueOf(base) : constant;
      }
      case 'call':
        return this.call(node);
      case 'conditional_expression': {
        // `a if cond else b`: the value is one of the two arms, never the condition.
        const [consequence, , alternative] = node.namedChildren;
        return joinTaint(
          consequence ? this.valueOf(consequence) : constant,
          alternative ? this.valueOf(alternative) : constant,
        );
      }
      case 'list_comprehension':
      case 'set_comprehension':
      case 'generator_expression': {
        const body = node.childForFieldName('body');
        return body ? this.valueOf(body) : constant;
      }
      case 'dictionary_comprehension': {
        const body = node.childForFieldName('body');
        return body ? this.valueOf(body) : constant;
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
      case 'binary_operator': {
        if (node.childForFieldName('operator')?.text === '%') {
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
        return this.children(node);
      }
      case 'boolean_operator':
      case 'unary_operator':
      case 'parenthesized_expression':
      case 'concatenated_string':
      case 'list':
      case 'tuple':
      case 'set':
      case 'dictionary':
      case 'pair':
      case 'expression_list':
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

  // ---- names ----

  private identifier(node: Node): TaintValue {
    const qualified = this.model.qualifiedName(node);
    if (qualified) {
      const family = sourceValues.get(qualified) ?? (this.extraSources.has(qualified) ? 'custom' : undefined);
      if (family) return this.source(family, qualified.replace(/^builtins\./, ''), node);
    }
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
    // A check counts only after the last assignment that reaches the use.
    const guard = this.guardOf(node, Math.max(...bindings.map((binding) => binding.at)));
    if (guard === 'all') return constant;
    const parts = bindings.map((binding) => this.binding(binding, node));
    const value = joinTaint(...parts);
    return guard.length ? sanitized(value, guard) : value;
  }

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
    const modules = [...this.model.importedModules];
    if (modules.some((m) => m.startsWith('fastapi') || m.startsWith('starlette'))) return 'fastapi';
    if (modules.some((m) => m.startsWith('django') || m.startsWith('rest_framework'))) return 'django';
    if (modules.some((m) => m.startsWith('aiohttp'))) return 'aiohttp';
    return 'flask';
  }

  /**
   * Parameters of a web handler: `@app.route("/u/<name>")` (Flask: the named ones, unless an
   * `int`/`uuid` converter), `@router.get(...)` (FastAPI: all but `Request`, dependencies and
   * numbers), a Django view (`def view(request, slug)`: the URL-captured ones after `request`).
   */
  private handlerParameters(fn: Node): Map<string, 'tainted' | 'safe'> | undefined {
    const cached = this.handlers.get(fn.id);
    if (cached) {
      this.model.replayUses(cached.uses);
      return cached.parameters;
    }
    const [parameters, uses] = this.model.collectUses(() => this.computeHandlerParameters(fn));
    this.handlers.set(fn.id, { parameters, uses });
    return parameters;
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
    return family === 'flask' && this.model.importedModules.has('aiohttp') ? 'aiohttp' : family;
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
    return object ? this.valueOf(object) : constant;
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
    }
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
      if (
        method === 'replace' &&
        /^\s*\(\s*["'](?:\\r)?\\n["']/.test(node.childForFieldName('arguments')?.text ?? '')
      ) {
        return sanitized(joinTaint(this.valueOf(object), argumentsValue()), ['log']);
      }
      if (transparentMethods.has(method)) return joinTaint(this.valueOf(object), argumentsValue());
    }
    const local = fn?.type === 'identifier' ? this.localFunction(fn) : undefined;
    if (local) {
      this.external = true;
      const summary = this.summaryOf(local);
      if (summary) return this.applySummary(node, local, summary, args);
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
    if (known === 'pending') return undefined;
    if (known) {
      this.model.replayUses(this.summaryUses.get(fn.id));
      return known;
    }
    if (this.summaryDepth >= MAX_SUMMARY_DEPTH) return undefined;
    const key = this.summaryKey(fn);
    const reused = summaryCache.get(key);
    if (reused) {
      summaryCacheStats.hits++;
      rememberSummary(key, reused);
      const summary = { returns: shifted(reused.returns, fn.startIndex), parameters: reused.parameters };
      this.summaries.set(fn.id, summary);
      return summary;
    }
    summaryCacheStats.misses++;
    this.summaries.set(fn.id, 'pending');
    this.summaryDepth++;
    const outer = this.external;
    this.external = false;
    try {
      const [summary, uses] = this.model.collectUses((): Summary => {
        const parameters = (fn.childForFieldName('parameters')?.namedChildren ?? [])
          .filter((p): p is Node => !!p)
          .map((p) => parameterName(p));
        const returns: TaintValue[] = [];
        const body = fn.childForFieldName('body');
        if (body) collectReturns(body, returns, (value) => this.valueOf(value));
        return { returns: joinTaint(...returns), parameters: parameters.map((p) => p ?? '') };
      });
      this.summaries.set(fn.id, summary);
      this.summaryUses.set(fn.id, uses);
      // Only a summary that read nothing outside the function's text (not even the absence of a
      // module-level name) can serve the next version of the file.
      if (!this.external && !uses?.size)
        rememberSummary(key, { returns: shifted(summary.returns, -fn.startIndex), parameters: summary.parameters });
      return summary;
    } finally {
      this.external = outer;
      this.summaryDepth--;
      if (this.summaries.get(fn.id) === 'pending') this.summaries.delete(fn.id);
    }
  }

  /** A function's text with its decorators, under the file's imports and the tracker's options. */
  private summaryKey(fn: Node): string {
    if (this.contextKey === undefined) {
      const imports = this.model.topLevelImports();
      this.contextKey = JSON.stringify([this.options, imports, [...this.model.importedModules].sort()]);
    }
    const definition = fn.parent?.type === 'decorated_definition' ? fn.parent : fn;
    return `${this.contextKey}\u0000${fn.startIndex - definition.startIndex}\u0000${definition.text}`;
  }

  private applySummary(call: Node, fn: Node, summary: Summary, args: Node[]): TaintValue {
    const name = fn.childForFieldName('name')?.text ?? 'function';
    const argumentFor = (parameter: string): Node | undefined => {
      const keyword = args.find(
        (a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === parameter,
      );
      if (keyword) return keyword.childForFieldName('value') ?? undefined;
      const positional = args.filter((a) => a.type !== 'keyword_argument');
      const index = summary.parameters.indexOf(parameter) - (summary.parameters[0] === 'self' ? 1 : 0);
      return index >= 0 ? positional[index] : undefined;
    };
    const parts: TaintValue[] = [];
    for (const c of summary.returns.contributions) {
      if (c.parameter === undefined) {
        const step: FlowStep = { start: call.startIndex, end: call.endIndex, message: `returned by \`${name}()\`` };
        parts.push(withStep({ contributions: [c] }, step));
        continue;
      }
      const argument = argumentFor(c.parameter);
      if (!argument) continue;
      const value = sanitized(this.valueOf(argument), [...c.sanitizedFor]);
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

  // ---- guards ----

  /**
   * Checks that guard a use: inside `if x in ALLOWED:`, or after `if x not in ALLOWED: return`,
   * `if not p.is_relative_to(base): raise`, `if urlparse(u).hostname not in HOSTS: abort(400)`,
   * `assert x.isdigit()`. Returns the sink kinds the value is safe for there, or `all`.
   */
  private guardOf(use: Node, after: number): SinkKind[] | 'all' {
    const name = use.text;
    const kinds = new Set<SinkKind>();
    const add = (found: SinkKind[] | 'all') => {
      if (found === 'all') return true;
      for (const k of found) kinds.add(k);
      return false;
    };
    const scope = this.model.scopeOf(use);
    let child: Node = use;
    for (let current = use.parent; current && current.id !== scope.id; child = current, current = current.parent) {
      if (current.type === 'if_statement' || current.type === 'elif_clause') {
        const consequence = current.childForFieldName('consequence');
        const condition = current.childForFieldName('condition');
        if (
          condition &&
          consequence &&
          child.id === consequence.id &&
          condition.startIndex > after &&
          add(this.checks(condition, name, true))
        )
          return 'all';
      }
      if (current.type === 'else_clause' && current.parent?.type === 'if_statement') {
        const condition = current.parent.childForFieldName('condition');
        if (condition && condition.startIndex > after && add(this.checks(condition, name, false))) return 'all';
      }
      if (current.type === 'block' || current.type === 'module') {
        for (const statement of current.namedChildren) {
          if (!statement || statement.startIndex >= child.startIndex) break;
          if (statement.startIndex <= after) continue;
          if (
            statement.type === 'if_statement' &&
            !statement.childForFieldName('alternative') &&
            exits(statement.childForFieldName('consequence'))
          ) {
            const condition = statement.childForFieldName('condition');
            if (condition && add(this.checks(condition, name, false))) return 'all';
          }
          if (
            statement.type === 'assert_statement' &&
            statement.namedChildren[0] &&
            add(this.checks(statement.namedChildren[0], name, true))
          )
            return 'all';
        }
      }
    }
    return [...kinds];
  }

  /** What `condition` being `holds` proves about `name`. */
  private checks(condition: Node, name: string, holds: boolean): SinkKind[] | 'all' {
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
      case 'comparison_operator': {
        const operands = condition.namedChildren.filter((c): c is Node => !!c);
        const operators = condition.children
          .filter((c): c is Node => !!c && !c.isNamed)
          .map((c) => c.text)
          .join(' ');
        if (operands.length !== 2) return [];
        const [left, right] = operands;
        const membership = operators === 'in' ? holds : operators === 'not in' ? !holds : undefined;
        const equality = operators === '==' ? holds : operators === '!=' ? !holds : undefined;
        if (membership || equality) {
          const fixed = this.valueOf(right).contributions.length === 0;
          if (fixed && left.type === 'identifier' && left.text === name) return 'all';
          if (fixed && isHostOf(left, name, this.model)) return ['url', 'redirect'];
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
        const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn?.text;
        const target = fn?.type === 'attribute' ? fn.childForFieldName('object') : undefined;
        if (method === 'is_relative_to' && (target?.text === name || mentions(condition, name))) return ['path'];
        if (
          method &&
          ['isdigit', 'isdecimal', 'isnumeric', 'isalnum', 'isidentifier'].includes(method) &&
          target?.type === 'identifier' &&
          target.text === name
        )
          return 'all';
        if (method && safeUrlChecks.has(method.replace(/^.*\./, '')) && mentions(condition, name))
          return ['redirect', 'url'];
        return [];
      }
      default:
        return [];
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

/** A block that always leaves: its last statement returns, raises, breaks, continues or aborts. */
function exits(block: Node | null): boolean {
  const last = block?.namedChildren.filter((c) => c && c.type !== 'comment').pop();
  if (!last) return false;
  if (['return_statement', 'raise_statement', 'continue_statement', 'break_statement'].includes(last.type)) return true;
  const call = last.type === 'expression_statement' ? last.namedChildren[0] : undefined;
  return (
    call?.type === 'call' &&
    /(?:^|\.)(?:abort|exit|_exit|fail|error)$/.test(call.childForFieldName('function')?.text ?? '')
  );
}

function collectReturns(node: Node, into: TaintValue[], valueOf: (node: Node) => TaintValue): void {
  for (const child of node.namedChildren) {
    if (!child || child.type === 'function_definition' || child.type === 'class_definition' || child.type === 'lambda')
      continue;
    if (child.type === 'return_statement') {
      const value = child.namedChildren[0];
      if (value) into.push(valueOf(value));
      continue;
    }
    collectReturns(child, into, valueOf);
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
