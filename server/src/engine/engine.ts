import { AnalysisSettings, severityOrder } from '../config/settings';
import type { Finding, Report, Rule, RuleContext, RuleMeta, Severity } from '../rules/types';
import { CarriedContext, SemanticModel, modelNodeTypes } from '../semantic/model';
import { CarriedState, Dirty, carryOver, planIncrementalAnalysis } from './incremental';
import { Node, PythonParser, Span, Tree, intersects, syntaxErrorCount } from './parser';
import { parseSuppression, suppresses, Suppression, suppressionMarkers } from './suppressions';
import { applyEdits } from './text';
import { TriggerIndex } from './triggers';

export interface RuleError {
  ruleId: string;
  error: string;
}

export interface AnalysisResult {
  findings: Finding[];
  /** Rules that threw: their findings are lost, the others' are kept. */
  ruleErrors: RuleError[];
}

export interface AnalyzeOptions {
  /** Check every fix by re-parsing its output (on by default; off inside the check itself). */
  verifyFixes?: boolean;
  /** Characters of re-analysed text the fix checks of one analysis may use (default FIX_VERIFICATION_BUDGET). */
  verificationBudget?: number;
}

/** An analysis for the editor: findings with their fixes not yet checked, and what the next version can reuse. */
export interface EditorAnalysis extends AnalysisResult {
  state: CarriedState;
  /** How the findings were computed: `incremental` when only the edited function and what reads it were analysed again. */
  mode: 'full' | 'incremental';
  /** Why the whole file was analysed when an earlier state was given. */
  fullBecause?: string;
}

/** The severity a rule reports with under `settings`, or undefined when it is turned off. */
export function effectiveSeverity(meta: RuleMeta, settings: AnalysisSettings): Severity | undefined {
  const setting = settings.rules[meta.id] ?? settings.rules[meta.name];
  if (setting === 'off') return undefined;
  const severity = setting ?? meta.defaultSeverity;
  // Below the threshold a rule would only produce findings that are dropped: it does not run.
  return severityOrder.indexOf(severity) > severityOrder.indexOf(settings.severityThreshold ?? 'hint') ? undefined : severity;
}

/**
 * Each fix check re-analyses the whole file, so checking every fix of a file with many findings
 * costs findings × file size. Past this many re-analysed characters per analysis, the remaining
 * fixes are withheld (and say why) instead of letting the time grow without bound.
 */
export const FIX_VERIFICATION_BUDGET = 400_000;

const statementTypes = /(_statement|_definition|^decorated_definition)$/;

type ActiveRule = { rule: Rule; severity: Severity };

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

/** A whole-file pattern test and its answer. */
export interface TextTest {
  pattern: RegExp;
  value: boolean;
}

/** What one pass of the rules over some of a file's nodes produced. */
interface Pass {
  findings: OriginFinding[];
  ruleErrors: RuleError[];
  textReads: TextRead[];
  textTests: TextTest[];
  nameUses: NameUse[];
}

/**
 * Runs rules over a parsed file: one tree-sitter query (run inside WASM) collects every node any
 * rule or the semantic model asked for, then each node is dispatched, in document order, to the
 * rules that registered a visitor for its type. For the editor it can also start from the previous
 * version's analysis and visit only the nodes an edit can have changed the findings of (see
 * incremental.ts).
 */
export class Engine {
  constructor(readonly parser: PythonParser, readonly rules: readonly Rule[]) {}

  /** Active rules enabled by `settings`, with their effective severity. */
  activeRules(settings: AnalysisSettings): ActiveRule[] {
    const active: ActiveRule[] = [];
    for (const rule of this.rules) {
      const severity = effectiveSeverity(rule.meta, settings);
      if (severity) active.push({ rule, severity });
    }
    return active;
  }

  /** Active rules whose trigger words occur in `text`: the others have nothing to find there. */
  triggeredRules(text: string, settings: AnalysisSettings, triggers?: TriggerIndex): ActiveRule[] {
    return this.activeRules(settings).filter(({ rule }) => rule.triggers.length === 0 || rule.triggers.some((word) => (triggers ? triggers.has(word) : text.includes(word))));
  }

  /** False when no rule can report anything in `text`, so the file need not even be parsed. */
  hasWork(text: string, settings: AnalysisSettings): boolean {
    // Stops at the first rule that may find something (one without triggers needs no search at all).
    return this.activeRules(settings).some(({ rule }) => rule.triggers.length === 0 || rule.triggers.some((word) => text.includes(word)));
  }

  /** The node types the rules in `active` and the semantic model visit. */
  private queryFor(active: readonly ActiveRule[]) {
    const types = new Set<string>(modelNodeTypes);
    for (const { rule } of active) for (const type of Object.keys(rule.visitors)) types.add(type);
    return this.parser.query(`[${[...types].sort().map((type) => `(${type})`).join(' ')}] @node`);
  }

  analyze(tree: Tree, text: string, settings: AnalysisSettings, options: AnalyzeOptions = {}): AnalysisResult {
    const active = this.triggeredRules(text, settings);
    if (active.length === 0) return { findings: [], ruleErrors: [] };
    const byType = groupByType(this.queryFor(active).captures(tree.rootNode).map(({ node }) => node));
    const model = new SemanticModel(tree.rootNode, text, byType, settings.taint);
    const pass = this.runRules(tree, text, settings, active, byType, model, undefined);
    const result: AnalysisResult = { findings: pass.findings.map(({ finding }) => finding), ruleErrors: pass.ruleErrors };
    if (options.verifyFixes !== false) this.verifyFindings(tree, text, settings, result.findings, options.verificationBudget);
    return result;
  }

  /**
   * Analyses a document for the editor. With the state of the previous analysis and the range the
   * edits since then changed, only the nodes whose findings the edit can have changed are visited
   * again and the other findings are carried over; when that cannot be shown safe (the edit is not
   * inside one function body, settings or active rules changed, a whole-file rule is active, ...)
   * the whole file is analysed. Either way the findings are those a whole-file analysis of this
   * tree gives (the tests compare the two). Fixes are not checked here: see verifyFindings.
   */
  analyzeForEditor(tree: Tree, text: string, settings: AnalysisSettings, previous?: CarriedState, dirty?: Dirty): EditorAnalysis {
    let fullBecause: string | undefined;
    if (previous && dirty) {
      let attempt: EditorAnalysis | string;
      try {
        attempt = this.analyzeIncrementally(tree, text, settings, previous, dirty);
      } catch (error) {
        // Never lose a version's findings to the shortcut: the whole file is analysed instead.
        attempt = `the incremental analysis failed: ${error instanceof Error ? error.message : String(error)}`;
      }
      if (typeof attempt !== 'string') return attempt;
      fullBecause = attempt;
    } else if (previous) fullBecause = 'no edit to start from (the text was replaced or parsed afresh)';
    return { ...this.analyzeWholeForEditor(tree, text, settings), ...(fullBecause ? { fullBecause } : {}) };
  }

  private analyzeWholeForEditor(tree: Tree, text: string, settings: AnalysisSettings): EditorAnalysis {
    const triggers = TriggerIndex.of(this.rules, text);
    const active = this.triggeredRules(text, settings, triggers);
    const byType = active.length ? groupByType(this.queryFor(active).captures(tree.rootNode).map(({ node }) => node)) : new Map<string, Node[]>();
    const model = new SemanticModel(tree.rootNode, text, byType, settings.taint);
    const pass = active.length ? this.runRules(tree, text, settings, active, byType, model, undefined, triggers) : { findings: [], ruleErrors: [], textReads: [], textTests: [], nameUses: [] };
    const state = carryOver({ text, settings, triggers, active, model, byType, pass });
    return { findings: pass.findings.map(({ finding }) => cloneFinding(finding)), ruleErrors: pass.ruleErrors, state, mode: 'full' };
  }

  /** The incremental analysis, or why it cannot be done. */
  private analyzeIncrementally(tree: Tree, text: string, settings: AnalysisSettings, previous: CarriedState, dirty: Dirty): EditorAnalysis | string {
    const triggers = previous.triggers.edited(previous.text, text, dirty);
    const active = this.triggeredRules(text, settings, triggers);
    const plan = planIncrementalAnalysis({ tree, text, settings, previous, dirty, active, triggers, query: this.queryFor(active), modelQuery: this.parser.query(`[${modelNodeTypes.map((type) => `(${type})`).join(' ')}] @node`) });
    if (typeof plan === 'string') return plan;
    const context: CarriedContext = { carried: plan.carried, loaded: plan.loadedHoles, load: plan.loadHole };
    const model = new SemanticModel(tree.rootNode, text, plan.byType, settings.taint, context);
    const pass = this.runRules(tree, text, settings, active, plan.byType, model, plan.dirtyRanges, triggers);
    if (model.mismatch) return 'a carried-over position did not match the new tree';
    if (pass.ruleErrors.length) return 'a rule failed';
    const findings = [...plan.keptFindings, ...pass.findings].sort((a, b) => compareFindings(a.finding, b.finding));
    const state = plan.nextState({ findings, textReads: [...plan.keptTextReads, ...pass.textReads], textTests: [...plan.keptTextTests, ...pass.textTests], nameUses: [...plan.keptNameUses, ...pass.nameUses] });
    return { findings: findings.map(({ finding }) => cloneFinding(finding)), ruleErrors: [], state, mode: 'incremental' };
  }

  /**
   * Runs the rules over the nodes in `byType` (all of the file's, or with `only`, the nodes and
   * references that intersect those ranges), each finding labelled with the node whose visit made it.
   */
  private runRules(tree: Tree, text: string, settings: AnalysisSettings, active: readonly ActiveRule[], byType: Map<string, Node[]>, model: SemanticModel, only: readonly Span[] | undefined, triggers?: TriggerIndex): Pass {
    const pass: Pass = { findings: [], ruleErrors: [], textReads: [], textTests: [], nameUses: [] };
    // One entry per visited node, whatever the number of rules that visited it.
    const usesByOrigin = new Map<string, NameUse>();
    const visited = (node: Node) => {
      const uses = model.takeUses();
      if (!uses) return;
      const key = `${node.startIndex}:${node.endIndex}`;
      const entry = usesByOrigin.get(key);
      if (!entry) usesByOrigin.set(key, { origin: { start: node.startIndex, end: node.endIndex }, names: uses });
      else if (entry.names !== uses) entry.names = new Set([...entry.names, ...uses]);
    };
    const suppressionsByLine = suppressionsOf(tree.rootNode, text);
    let origin: Span = { start: 0, end: 0 };
    const testsSeen = new Set<string>();
    for (const { rule, severity } of active) {
      if (!ruleApplies(rule, model.importedModules)) continue;
      const perRule: OriginFinding[] = [];
      const context: RuleContext = {
        text,
        model,
        settings,
        report: (report: Report) => {
          if (isSuppressed(report.node, rule, suppressionsByLine)) return;
          perRule.push({
            origin: { ...origin },
            finding: {
              ruleId: rule.meta.id,
              message: report.message,
              start: report.node.startIndex,
              end: report.node.endIndex,
              severity: report.severity ?? severity,
              confidence: report.confidence ?? 'medium',
              fix: report.fix,
              fixUnavailable: report.fixUnavailable,
              ...(report.flow?.length ? { flow: report.flow } : {}),
            },
          });
        },
        textOf: (start: number, end: number) => {
          if (start < origin.start || end > origin.end) pass.textReads.push({ origin: { ...origin }, start, end });
          return text.slice(start, end);
        },
        textMatches: (pattern: RegExp) => {
          const value = testWhole(pattern, text);
          const key = `${pattern.flags}/${pattern.source}`;
          if (!testsSeen.has(key)) {
            testsSeen.add(key);
            pass.textTests.push({ pattern, value });
          }
          return value;
        },
      };
      try {
        for (const [type, visit] of Object.entries(rule.visitors)) {
          for (const node of byType.get(type) ?? []) {
            origin = { start: node.startIndex, end: node.endIndex };
            model.takeUses();
            visit!(node, context);
            visited(node);
          }
        }
        if (rule.references) {
          for (const node of referencesTo(tree.rootNode, text, rule.references.names, triggers && ((name) => triggers.occurrences(name)), only)) {
            origin = { start: node.startIndex, end: node.endIndex };
            model.takeUses();
            rule.references.visit(node, context);
            visited(node);
          }
        }
        pass.findings.push(...perRule);
      } catch (error) {
        pass.ruleErrors.push({ ruleId: rule.meta.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      }
    }
    pass.nameUses = [...usesByOrigin.values()];
    pass.findings.sort((a, b) => compareFindings(a.finding, b.finding));
    return pass;
  }

  /** Checks the fixes of `findings` (see verifyFix) within the verification budget; fixes that fail or are not checked are withheld, with the reason. */
  verifyFindings(tree: Tree, text: string, settings: AnalysisSettings, findings: Finding[], verificationBudget = FIX_VERIFICATION_BUDGET): void {
    let budget = verificationBudget;
    let checked = 0;
    for (const finding of findings) {
      if (!finding.fix) continue;
      // The first fix is always checked, so a large file still gets one.
      if (checked++ > 0 && budget < text.length) {
        finding.fix = undefined;
        finding.fixUnavailable = 'the automatic rewrite was not checked: this file has more fixable findings than can be checked at once; fix the ones above first';
        continue;
      }
      budget -= text.length;
      this.verifyFinding(tree, text, settings, findings, finding);
    }
  }

  /** Checks one finding's fix (see verifyFix); a fix that fails is removed and the reason recorded. */
  verifyFinding(tree: Tree, text: string, settings: AnalysisSettings, findings: readonly Finding[], finding: Finding): void {
    if (!finding.fix) return;
    const problem = this.verifyFix(tree, text, settings, findings, finding);
    if (problem) {
      finding.fix = undefined;
      finding.fixUnavailable = `the automatic rewrite was withheld: ${problem}`;
    }
  }

  /**
   * A fix is kept only if its output parses with no new syntax errors, no longer has the finding
   * and has no new finding. Returns what went wrong, or undefined when the fix is safe.
   */
  verifyFix(tree: Tree, text: string, settings: AnalysisSettings, before: readonly Finding[], finding: Finding): string | undefined {
    let fixed: string;
    try {
      fixed = applyEdits(text, finding.fix!.edits);
    } catch (error) {
      return (error as Error).message;
    }
    const fixedTree = this.parser.reparse(tree, text, finding.fix!.edits, fixed);
    try {
      if (syntaxErrorCount(fixedTree.rootNode) > syntaxErrorCount(tree.rootNode)) return 'its output does not parse';
      const after = this.analyze(fixedTree, fixed, settings, { verifyFixes: false }).findings;
      const count = (list: readonly Finding[]) => {
        const counts = new Map<string, number>();
        for (const f of list) counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + 1);
        return counts;
      };
      const beforeCounts = count(before);
      const afterCounts = count(after);
      if ((afterCounts.get(finding.ruleId) ?? 0) >= (beforeCounts.get(finding.ruleId) ?? 0)) return 'the finding is still there afterwards';
      for (const [ruleId, n] of afterCounts) {
        if (n > (beforeCounts.get(ruleId) ?? 0)) return `it would introduce a new ${ruleId} finding`;
      }
      return undefined;
    } finally {
      fixedTree.delete();
    }
  }
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

/** Findings in document order; ties broken by rule and message, so the order never depends on visiting order. */
export function compareFindings(a: Finding, b: Finding): number {
  return a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId) || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0);
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

/** A copy the caller may change (fix checks remove fixes) without changing what is carried over. */
export function cloneFinding(finding: Finding): Finding {
  return {
    ...finding,
    ...(finding.fix ? { fix: { title: finding.fix.title, edits: finding.fix.edits.map((edit) => ({ ...edit })) } } : {}),
    ...(finding.flow ? { flow: finding.flow.map((step) => ({ ...step })) } : {}),
  };
}

/**
 * Suppression comments by line. Only comments holding a marker can suppress anything, so the text
 * is searched for the markers and each hit that is inside a comment is parsed.
 */
function suppressionsOf(root: Node, text: string): Map<number, Suppression> {
  const byLine = new Map<number, Suppression>();
  const marker = suppressionMarkers;
  marker.lastIndex = 0;
  let lastComment = -1;
  for (let match = marker.exec(text); match; match = marker.exec(text)) {
    const node = root.descendantForIndex(match.index, match.index + 1);
    if (node?.type !== 'comment' || node.startIndex === lastComment) continue;
    lastComment = node.startIndex;
    const suppression = parseSuppression(node.text);
    if (suppression) byLine.set(node.startPosition.row, suppression);
  }
  return byLine;
}

/** A suppression comment counts on the finding's line, or on the first or last line of its statement. */
function isSuppressed(node: Node, rule: Rule, byLine: Map<number, Suppression>): boolean {
  if (byLine.size === 0) return false;
  const lines = new Set<number>([node.startPosition.row]);
  for (let current: Node | null = node; current; current = current.parent) {
    if (statementTypes.test(current.type)) {
      lines.add(current.startPosition.row);
      // For compound statements only the header counts, not the whole body.
      const body = current.childForFieldName('body') ?? current.childForFieldName('consequence');
      lines.add(body ? body.startPosition.row - (body.startPosition.row > current.startPosition.row ? 1 : 0) : current.endPosition.row);
      break;
    }
  }
  for (const line of lines) {
    const suppression = byLine.get(line);
    if (suppression && suppresses(suppression, rule.meta)) return true;
  }
  return false;
}

const wordCharacter = /[A-Za-z0-9_]/;

/**
 * Each identifier spelled as one of `names`, as the whole reference: `ssl.CERT_NONE` rather than
 * its last part. `occurrences` gives where a name occurs when already known; with `only`, just
 * the references that intersect one of those ranges.
 */
export function referencesTo(root: Node, text: string, names: readonly string[], occurrences?: (name: string) => readonly number[] | undefined, only?: readonly Span[]): Node[] {
  const found: Node[] = [];
  for (const name of names) {
    const known = occurrences?.(name);
    const positions: number[] = [];
    if (known) positions.push(...known);
    else for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) positions.push(at);
    for (const at of positions) {
      if (wordCharacter.test(text[at - 1] ?? '') || wordCharacter.test(text[at + name.length] ?? '')) continue;
      // A reference ends with its name: one ending before every range cannot intersect any.
      if (only && !only.some((range) => at + name.length > range.start)) continue;
      const node = root.namedDescendantForIndex(at, at + name.length);
      if (node?.type !== 'identifier' || node.startIndex !== at || node.endIndex !== at + name.length) continue;
      const parent = node.parent;
      const isAttributePart = parent?.type === 'attribute' && parent.childForFieldName('attribute')?.startIndex === at;
      const reference = isAttributePart ? parent! : node;
      if (only && !only.some((range) => intersects({ start: reference.startIndex, end: reference.endIndex }, range))) continue;
      found.push(reference);
    }
  }
  return found.sort((a, b) => a.startIndex - b.startIndex);
}
