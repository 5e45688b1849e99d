import { AnalysisSettings, severityOrder } from '../config/settings';
import type { Finding, Report, Rule, RuleContext, RuleMeta, Severity } from '../rules/types';
import { SemanticModel, modelNodeTypes } from '../semantic/model';
import { Node, PythonParser, Tree, syntaxErrorCount } from './parser';
import { parseSuppression, suppresses, Suppression } from './suppressions';
import { applyEdits } from './text';

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

/**
 * Runs rules over a parsed file: one tree-sitter query (run inside WASM) collects every node any
 * rule or the semantic model asked for, then each node is dispatched, in document order, to the
 * rules that registered a visitor for its type.
 */
export class Engine {
  constructor(readonly parser: PythonParser, readonly rules: readonly Rule[]) {}

  /** Rules enabled by `settings`, with their effective severity. */
  activeRules(settings: AnalysisSettings): { rule: Rule; severity: Severity }[] {
    const active: { rule: Rule; severity: Severity }[] = [];
    for (const rule of this.rules) {
      const severity = effectiveSeverity(rule.meta, settings);
      if (severity) active.push({ rule, severity });
    }
    return active;
  }

  /** Active rules whose trigger words occur in `text`: the others have nothing to find there. */
  triggeredRules(text: string, settings: AnalysisSettings): { rule: Rule; severity: Severity }[] {
    return this.activeRules(settings).filter(({ rule }) => rule.triggers.length === 0 || rule.triggers.some((word) => text.includes(word)));
  }

  /** False when no rule can report anything in `text`, so the file need not even be parsed. */
  hasWork(text: string, settings: AnalysisSettings): boolean {
    return this.triggeredRules(text, settings).length > 0;
  }

  analyze(tree: Tree, text: string, settings: AnalysisSettings, options: AnalyzeOptions = {}): AnalysisResult {
    const active = this.triggeredRules(text, settings);
    const result: AnalysisResult = { findings: [], ruleErrors: [] };
    if (active.length === 0) return result;

    const types = new Set<string>([...modelNodeTypes, 'comment']);
    for (const { rule } of active) for (const type of Object.keys(rule.visitors)) types.add(type);
    const query = this.parser.query(`[${[...types].sort().map((type) => `(${type})`).join(' ')}] @node`);
    const captures = query.captures(tree.rootNode);
    const byType = new Map<string, Node[]>();
    for (const { node } of captures) {
      const list = byType.get(node.type);
      if (list) list.push(node);
      else byType.set(node.type, [node]);
    }

    const model = new SemanticModel(tree.rootNode, text, byType, settings.taint);
    const suppressionsByLine = new Map<number, Suppression>();
    for (const comment of byType.get('comment') ?? []) {
      const suppression = parseSuppression(comment.text);
      if (suppression) suppressionsByLine.set(comment.startPosition.row, suppression);
    }

    const failed = new Set<string>();
    for (const { rule, severity } of active) {
      const perRule: Finding[] = [];
      const context: RuleContext = {
        text,
        model,
        settings,
        report: (report: Report) => {
          if (isSuppressed(report.node, rule, suppressionsByLine)) return;
          perRule.push({
            ruleId: rule.meta.id,
            message: report.message,
            start: report.node.startIndex,
            end: report.node.endIndex,
            severity: report.severity ?? severity,
            confidence: report.confidence ?? 'medium',
            fix: report.fix,
            fixUnavailable: report.fixUnavailable,
            ...(report.flow?.length ? { flow: report.flow } : {}),
          });
        },
      };
      try {
        for (const [type, visit] of Object.entries(rule.visitors)) {
          for (const node of byType.get(type) ?? []) visit!(node, context);
        }
        if (rule.references) for (const node of referencesTo(tree.rootNode, text, rule.references.names)) rule.references.visit(node, context);
        result.findings.push(...perRule);
      } catch (error) {
        failed.add(rule.meta.id);
        result.ruleErrors.push({ ruleId: rule.meta.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      }
    }
    result.findings.sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId));

    if (options.verifyFixes !== false) {
      let budget = options.verificationBudget ?? FIX_VERIFICATION_BUDGET;
      let checked = 0;
      for (const finding of result.findings) {
        if (!finding.fix) continue;
        // The first fix is always checked, so a large file still gets one.
        if (checked++ > 0 && budget < text.length) {
          finding.fix = undefined;
          finding.fixUnavailable = 'the automatic rewrite was not checked: this file has more fixable findings than can be checked at once; fix the ones above first';
          continue;
        }
        budget -= text.length;
        this.verifyFinding(tree, text, settings, result.findings, finding);
      }
    }
    return result;
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

/** Each identifier spelled as one of `names`, as the whole reference: `ssl.CERT_NONE` rather than its last part. */
export function referencesTo(root: Node, text: string, names: readonly string[]): Node[] {
  const found: Node[] = [];
  for (const name of names) {
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + name.length)) {
      if (wordCharacter.test(text[at - 1] ?? '') || wordCharacter.test(text[at + name.length] ?? '')) continue;
      const node = root.namedDescendantForIndex(at, at + name.length);
      if (node?.type !== 'identifier' || node.startIndex !== at || node.endIndex !== at + name.length) continue;
      const parent = node.parent;
      const isAttributePart = parent?.type === 'attribute' && parent.childForFieldName('attribute')?.startIndex === at;
      found.push(isAttributePart ? parent! : node);
    }
  }
  return found.sort((a, b) => a.startIndex - b.startIndex);
}
