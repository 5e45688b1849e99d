import type { Node } from '../parser/parser';
import type { ModelView } from '../semantic/model';
import { TEST_FRAMEWORKS } from '../semantic/importLines';
import type { Hole, HoleVia } from '../semantic/strings';
import type { Taint } from '../semantic/taint';
import { operatorFamilies, type SinkKind, type SourceFamily } from '../semantic/taintCatalog';
import type { Confidence, Fix, FlowStep, RuleContext, Severity } from '../ruleApi/types';
import { argumentsOf, calledFunction } from '../semantic/calls';

/**
 * True when `word` is written inside `node`'s source: a cheap test before reading the node further.
 * It reads only the node's own text, so an incremental analysis sees nothing beyond the visit.
 */
export function nodeMentions(context: RuleContext, node: Node, word: string): boolean {
  return context.textOf(node.startIndex, node.endIndex).includes(word);
}

const viaWords: Record<HoleVia, string> = {
  fstring: 'an f-string',
  percent: '`%` formatting',
  format: '`.format()`',
  concat: '`+` concatenation',
  join: '`.join()`',
};

const shortText = (text: string, max = 40) => {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 3)}...` : flat;
};

/** "with an f-string from `name` and `user.id`": how values went in, and which. */
export function describeHoles(holes: readonly Hole[]): string {
  const vias = [...new Set(holes.map((hole) => viaWords[hole.via]))];
  const names = [...new Set(holes.map((hole) => shortText(hole.expression.text)))];
  const shown =
    names
      .slice(0, 3)
      .map((name) => `\`${name}\``)
      .join(', ') + (names.length > 3 ? ` and ${names.length - 3} more` : '');
  return `with ${vias.join(' and ')} from ${shown}`;
}

/** "with an f-string and `+` concatenation": how values went in. */
export function describeVias(holes: readonly Hole[]): string {
  return `with ${[...new Set(holes.map((hole) => viaWords[hole.via]))].join(' and ')}`;
}

/** What the taint tracker says about the values reaching one sink, and how sure a finding is. */
export interface TaintVerdict {
  /** The expression (among those asked about) the verdict is about. */
  culprit: Node;
  taint: Taint;
  /**
   * High for untrusted data from a strong source, medium from a weak one (environment, files, other services), low for
   * unknown origin.
   */
  confidence: Confidence;
  /** Set when a value of unknown origin is to be shown as a hint only. */
  severity?: Severity;
}

/**
 * The worst of `expressions` for a sink of `kind`: tainted beats unknown; constants (and values a
 * sanitizer made safe for `kind`) give nothing. A value of unknown origin follows the
 * `taint.unknownOrigin` setting (report, hint, off); `reportUnknown: false` drops it always.
 */
export function judgeTaint(
  context: RuleContext,
  kind: SinkKind,
  expressions: readonly Node[],
  options: { reportUnknown?: boolean; ignoreFamilies?: ReadonlySet<SourceFamily> } = {},
): TaintVerdict | undefined {
  let best: { culprit: Node; taint: Taint; score: number } | undefined;
  for (const expression of expressions) {
    const taint = context.model.taintOf(expression, kind, options.ignoreFamilies);
    const score =
      taint.level === 'tainted' ? (taint.source?.strength === 'strong' ? 3 : 2) : taint.level === 'unknown' ? 1 : 0;
    if (score > (best?.score ?? 0)) best = { culprit: expression, taint, score };
  }
  if (!best) return undefined;
  if (best.score >= 2)
    return { culprit: best.culprit, taint: best.taint, confidence: best.score === 3 ? 'high' : 'medium' };
  const setting = context.settings.taint.unknownOrigin;
  if (options.reportUnknown === false || setting === 'off') return undefined;
  return {
    culprit: best.culprit,
    taint: best.taint,
    confidence: 'low',
    severity: setting === 'hint' ? 'hint' : undefined,
  };
}

/** "`name` from `request.args` reaches `cursor.execute`", or for unknown origin "`x` (parameter `x`) reaches ...". */
export function describeFlow(verdict: TaintVerdict, sinkLabel: string): string {
  const culprit = `\`${shortText(verdict.culprit.text)}\``;
  const { taint } = verdict;
  if (taint.level === 'tainted' && taint.source) {
    // A name or a read names itself; a whole expression (`f"..."`, `a + b`) is better named by its source.
    const direct =
      (!taint.source.elsewhere &&
        taint.source.start === verdict.culprit.startIndex &&
        taint.source.end === verdict.culprit.endIndex) ||
      !['identifier', 'attribute', 'subscript', 'call'].includes(verdict.culprit.type);
    const from =
      taint.source.label.includes('`') || taint.source.label.includes(' ')
        ? taint.source.label
        : `\`${taint.source.label}\``;
    return `${direct ? `Untrusted data from ${from}` : `${culprit} from ${from}`} reaches \`${sinkLabel}\``;
  }
  const named = taint.reason && taint.reason.includes(culprit);
  const reason =
    taint.reason && taint.reason !== culprit
      ? ` (${named ? '' : 'from '}${taint.reason}; its origin is not visible in this file)`
      : ' (its origin is not visible in this file)';
  return `${culprit}${reason} reaches \`${sinkLabel}\``;
}

/** The steps to show next to the finding: the source, each assignment or call on the way, then the sink. */
export function flowSteps(verdict: TaintVerdict, sink: Node, sinkLabel: string): FlowStep[] | undefined {
  if (verdict.taint.level !== 'tainted') return undefined;
  const steps = [...verdict.taint.steps];
  steps.push({ start: sink.startIndex, end: sink.endIndex, message: `reaches \`${sinkLabel}\`` });
  return steps;
}

/** Values that reach a sink of taint, as a rule reports them (see `reportTaintedSink`). */
export interface TaintedSink {
  kind: SinkKind;
  /** The values that reach the sink; the worst of them decides (see `judgeTaint`). */
  values: readonly Node[];
  /** Where the flow ends (the call); its callee as written names the sink unless `label` does. */
  sink: Node;
  label?: string;
  /** Where the finding is shown: the worst value unless given. */
  node?: Node;
  reportUnknown?: boolean;
  ignoreFamilies?: ReadonlySet<SourceFamily>;
  /** Whether a verdict is worth a finding (beyond being tainted or of unknown origin). */
  accept?(verdict: TaintVerdict): boolean;
  message(verdict: TaintVerdict, label: string): string;
  /** Builds the fix when there is a finding: the fix, or why none is offered here. */
  fix?(): Fix | string;
  /** Why no fix is offered, when the rule has none for this sink. */
  fixUnavailable?: string;
}

/**
 * Judges the values that reach a sink and reports the worst (with its flow, confidence and
 * severity), the way every taint rule does; returns the verdict reported.
 */
export function reportTaintedSink(context: RuleContext, sink: TaintedSink): TaintVerdict | undefined {
  const verdict = judgeTaint(context, sink.kind, sink.values, {
    reportUnknown: sink.reportUnknown,
    ignoreFamilies: sink.ignoreFamilies,
  });
  if (!verdict || (sink.accept && !sink.accept(verdict))) return undefined;
  const label = sink.label ?? sinkLabelOf(sink.sink);
  const built = sink.fix?.();
  context.report({
    node: sink.node ?? verdict.culprit,
    message: sink.message(verdict, label),
    confidence: verdict.confidence,
    severity: verdict.severity,
    flow: flowSteps(verdict, sink.sink, label),
    fix: typeof built === 'object' ? built : undefined,
    fixUnavailable: typeof built === 'string' ? built : sink.fixUnavailable,
  });
  return verdict;
}

/** The callee as written, for messages: `cursor.execute`, `requests.get`. */
export function sinkLabelOf(call: Node): string {
  return shortText(calledFunction(call)?.text ?? call.text, 48);
}

/** Positional arguments of a call (no keywords, splats or comments). */
export function positionalArguments(call: Node): Node[] {
  return argumentsOf(call).filter(
    (a) => a.type !== 'keyword_argument' && a.type !== 'list_splat' && a.type !== 'dictionary_splat',
  );
}

/**
 * Confidence from where a value comes from: high from outside, medium from a parameter, low when merely not constant.
 */
export function valueConfidence(model: ModelView, node: Node): Confidence {
  const origins = model.origins(node);
  if (origins.has('request') || origins.has('input')) return 'high';
  if (origins.has('parameter')) return 'medium';
  return 'low';
}

/**
 * The name a value is given (assignment target, keyword) or the enclosing function's name: the words that say what it
 * is for.
 */
export function purposeWords(node: Node, model: ModelView): string {
  const words: string[] = [];
  for (let current: Node | null = node.parent; current; current = current.parent) {
    if (current.type === 'assignment' || current.type === 'augmented_assignment')
      words.push(current.childForFieldName('left')?.text ?? '');
    else if (current.type === 'keyword_argument') words.push(current.childForFieldName('name')?.text ?? '');
    else if (current.type === 'pair') words.push(current.childForFieldName('key')?.text ?? '');
    else if (current.type === 'return_statement' || /_statement$/.test(current.type)) break;
  }
  const fn = model.enclosingFunction(node);
  if (fn) words.push(fn.childForFieldName('name')?.text ?? '');
  return words.join(' ');
}

/**
 * True for test code: a file that imports a test framework, or code inside a `test_*` function,
 * a `Test*` class or a `setUp` method. Tests disable TLS checks and use fake passwords on purpose.
 */
export function isTestCode(model: ModelView, node: Node): boolean {
  if (TEST_FRAMEWORKS.some((test) => model.importsModule(test))) return true;
  for (let current: Node | null = node.parent; current; current = current.parent) {
    if (current.type === 'function_definition' || current.type === 'class_definition') {
      const name = current.childForFieldName('name')?.text ?? '';
      if (/^test|^Test|_test$|Tests?$|^setUp/.test(name)) return true;
    }
  }
  return false;
}

/** Expressions known to start with `/`: a request's own path, a URL the framework builds. */
function startsWithSlash(model: ModelView, node: Node): boolean {
  if (node.type === 'attribute')
    return (
      ['path', 'full_path', 'path_info', 'script_root'].includes(node.childForFieldName('attribute')?.text ?? '') &&
      /request$/.test(node.childForFieldName('object')?.text ?? '')
    );
  if (node.type === 'call')
    return /(?:^|\.)(?:url_for|reverse)$/.test(
      model.calleeName(node) ?? node.childForFieldName('function')?.text ?? '',
    );
  return false;
}

/**
 * The parts of a URL that decide which host it goes to: for `f"https://{host}/users/{id}"` only
 * `host`; none for `"https://api.example.com/" + path` or a local `"/users/" + id`; the whole
 * value when its shape is not known. Anything after the first `/`, `?` or `#` cannot change the host.
 */
export function hostExpressions(model: ModelView, url: Node): Node[] {
  const shape = model.stringShape(url);
  if (!shape.isString || !shape.exact) return [url];
  const parts = [...shape.parts];
  const first = parts[0];
  if (first?.kind === 'text') {
    // A local path: a constant `/segment` first (not `//host` or `/\host`).
    if (/^\/[^/\\]/.test(first.text)) return [];
    const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(first.text);
    if (!scheme) return shape.holes.map((hole) => hole.expression);
    const rest = first.text.slice(scheme[0].length);
    if (/[/?#\\]/.test(rest)) return [];
    parts[0] = { ...first, text: rest };
  }
  const holes: Node[] = [];
  for (const part of parts) {
    if (part.kind === 'text') {
      if (/[/?#\\]/.test(part.text)) break;
      continue;
    }
    if (startsWithSlash(model, part.expression)) break;
    holes.push(part.expression);
  }
  return holes;
}

/**
 * Reports a URL reaching `call` when a client may choose its host: only what decides the host
 * counts (a local `/path` has none), and a host set by whoever runs the program (the command line,
 * the environment) is configuration. `advice` follows the flow, for untrusted data and for a value
 * of unknown origin.
 */
export function reportClientChosenHost(
  context: RuleContext,
  call: Node,
  url: Node,
  kind: 'redirect' | 'url',
  advice: { tainted: string; unknown: string },
): void {
  const hosts = hostExpressions(context.model, url);
  if (hosts.length === 0 || context.model.taintOf(url, kind).level === 'constant') return;
  reportTaintedSink(context, {
    kind,
    values: hosts,
    sink: call,
    node: url,
    ignoreFamilies: operatorFamilies,
    message: (verdict, label) =>
      `${describeFlow(verdict, label)}${verdict.taint.level === 'tainted' ? advice.tainted : advice.unknown}`,
  });
}
