import { AnalysisSettings, severityOrder } from '../config/settings';
import type { Finding, Report, Rule, RuleContext, RuleMeta, Severity, TextEdit } from '../ruleApi/types';
import { CarriedContext, ModelWork, SemanticModel, modelNodeTypes } from '../semantic/model';
import { TaintSummaryCache } from '../semantic/taint';
import { CrossModuleAnalysis } from '../semantic/crossModule';
import type { ModuleReads, WorkspaceModules } from '../semantic/crossModule';
import { TextHash } from '../core/hash';
import {
  CarriedState,
  Dirty,
  PlanSummary,
  carryOver,
  changedDependents,
  editStart,
  keepFindings,
  planIncrementalAnalysis,
  settingsKey,
  textChange,
} from './incremental';
import { Node, PythonParser, Query, Span, Tree, capturesByType, syntaxErrorCount, typesQuery } from '../parser/parser';
import { WordSearch } from '../core/wordSearch';
import { FindingFilter } from './suppressions';
import { applyEdits, lineStartAt } from '../core/text';
import { partitionPoint } from '../core/search';
import { importedModules, libraryModules } from '../semantic/imports';
import { fixUnavailableOf, isAutomaticFix } from '../fixes/fix';
import { editedRanges, strictSyntaxProblem } from '../parser/strictSyntax';
import { TriggerIndex } from './triggers';
import { ruleApplies, testWhole, UsesPool, VisitSelection } from './passes';
import type { NameUse, OriginFinding, TextRead, TextTest } from './passes';

export { groupByType } from './passes';

export interface RuleError {
  ruleId: string;
  error: string;
}

export interface AnalysisResult {
  findings: Finding[];
  /** Rules that threw: their findings are lost, the others' are kept. */
  ruleErrors: RuleError[];
  /** With `modules` asked for: the libraries the file imports, from the same semantic model the rules asked. */
  modules?: string[];
  /** Other files of the workspace the analysis read (path → hash of the text read): the findings depend on them. */
  moduleReads?: ModuleReads;
}

export interface AnalyzeOptions {
  /** Check every fix by re-parsing its output (on by default; off inside the check itself). */
  verifyFixes?: boolean;
  /** Characters of re-analysed text the fix checks of one analysis may use (default FIX_VERIFICATION_BUDGET). */
  verificationBudget?: number;
  /** The file's path, when there is one (rules see it as `context.path`). */
  path?: string;
  /** Also tell the libraries the file imports (`AnalysisResult.modules`). */
  modules?: boolean;
}

/** What applying every automatic fix of a file left (see Engine.fixAll). */
/**
 * Applies the automatic fixes of `findingsOf(text)` one at a time (safe ones, and unsafe ones when the settings allow
 * them), keeping a fix only when the text after it has fewer findings; the Python engine and the file engine share it.
 */
export function applyAutomaticFixes(
  text: string,
  settings: AnalysisSettings,
  findingsOf: (text: string) => Finding[],
): FixOutcome {
  const applied: Finding[] = [];
  let current = text;
  let findings = findingsOf(current);
  const limit = findings.length + 1;
  const declined = new Set<string>();
  const policy = { unsafe: settings.unsafeFixes };
  for (let round = 0; round < limit; round++) {
    const next = findings.find(
      (finding) => isAutomaticFix(finding, policy) && !declined.has(`${finding.ruleId}:${finding.start}`),
    );
    if (!next) break;
    const fixed = applyEdits(current, next.fix!.edits);
    const after = findingsOf(fixed);
    if (after.length >= findings.length) {
      declined.add(`${next.ruleId}:${next.start}`);
      continue;
    }
    applied.push(next);
    current = fixed;
    findings = after;
  }
  return { text: current, applied, remaining: findings };
}

export interface FixOutcome {
  text: string;
  /** The findings whose fixes were applied, in the order they were applied. */
  applied: Finding[];
  /** What is left after every automatic fix. */
  remaining: Finding[];
}

/** An analysis for the editor: findings with their fixes not yet checked, and what the next version can reuse. */
export interface EditorAnalysis extends AnalysisResult {
  state: CarriedState;
  /**
   * How the findings were computed: `incremental` when only the edited function and what reads it were analysed again;
   * `kept` when the text has syntax errors that spread beyond the statements whose text changed, and the findings are
   * those of the last version without syntax errors, moved (see incremental.ts).
   */
  mode: 'full' | 'incremental' | 'kept';
  /**
   * For an incremental analysis, what the changed range came from: tree-sitter's changed ranges (`tree`), or the
   * statements whose text changed since the previous version (`text`) or since the last version that parsed
   * (`parsed`), see incremental.ts.
   */
  from?: 'tree' | 'text' | 'parsed';
  /** Why the whole file was analysed when an earlier state was given. */
  fullBecause?: string;
  /** For an incremental analysis, what it was planned to do again (for the benchmark scripts). */
  plan?: PlanSummary;
  /** What the semantic model computed (for the benchmark scripts). */
  work?: ModelWork;
}

/** The severity a rule reports with under `settings`, or undefined when it is turned off. */
export function effectiveSeverity(meta: RuleMeta, settings: AnalysisSettings): Severity | undefined {
  const setting = settings.rules[meta.id] ?? settings.rules[meta.name];
  if (setting === 'off') return undefined;
  const severity = setting ?? meta.defaultSeverity;
  // Below the threshold a rule would only produce findings that are dropped: it does not run.
  return severityOrder.indexOf(severity) > severityOrder.indexOf(settings.severityThreshold ?? 'hint')
    ? undefined
    : severity;
}

/**
 * Each fix check re-analyses the whole file, so checking every fix of a file with many findings
 * costs findings × file size. Past this many re-analysed characters per analysis, the remaining
 * fixes are withheld (and say why) instead of letting the time grow without bound.
 */
export const FIX_VERIFICATION_BUDGET = 400_000;

type ActiveRule = { rule: Rule; severity: Severity };

/** The nodes the semantic model records, captured as `node` (an editor analysis reads a function body's on demand). */
const MODEL_NODES_QUERY = `[${modelNodeTypes.map((type) => `(${type})`).join(' ')}] @node`;
const IMPORTS_QUERY = '[(import_statement) (import_from_statement)] @node';

/** How one pass of the rules runs. */
interface RunOptions {
  /** Visit only the references this selects (an incremental pass: `byType` holds only its nodes), else every node. */
  only?: VisitSelection;
  triggers?: TriggerIndex;
  path?: string;
  /**
   * The pass is carried to the next version of the file (an editor session): it records what each visit read outside
   * its node (names looked up outside function bodies, text, whole-file tests) and where each finding came from. A
   * one-off analysis skips that bookkeeping (those lists stay empty, the findings' origins are not read).
   */
  carried: boolean;
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
  /** Function summaries kept from one analysis to the next (an edit re-analyses only the functions it changed). */
  readonly taintSummaries = new TaintSummaryCache();
  /** The other modules of the workspace, when the files analysed belong to one (calls that cross files). */
  private crossModule: CrossModuleAnalysis | undefined;

  /** Every rule's trigger words, searched for in a file in one pass. */
  private readonly triggerSearch: WordSearch;
  private readonly triggerIndexes: Map<Rule, number[]>;
  /** The words found in the last text searched (a file's text is searched before it is parsed, and again after). */
  private lastSearched: { text: string; found: Set<number> } | undefined;
  /** The sets of names visits recorded, one per content (see `UsesPool`). */
  private readonly usesPool = new UsesPool();

  constructor(
    readonly parser: PythonParser,
    readonly rules: readonly Rule[],
  ) {
    const words = [...new Set(rules.flatMap((rule) => rule.triggers))];
    const indexOf = new Map(words.map((word, index) => [word, index]));
    this.triggerSearch = new WordSearch(words);
    this.triggerIndexes = new Map(rules.map((rule) => [rule, rule.triggers.map((word) => indexOf.get(word)!)]));
  }

  /** Whether `rule` may find something in `text`: it has no trigger words, or one of them occurs there. */
  private triggered(rule: Rule, text: string): boolean {
    const indexes = this.triggerIndexes.get(rule)!;
    if (indexes.length === 0) return true;
    if (this.lastSearched?.text !== text) this.lastSearched = { text, found: this.triggerSearch.found(text) };
    const { found } = this.lastSearched;
    return indexes.some((index) => found.has(index));
  }

  /**
   * Lets analyses follow calls into the other modules of a workspace (and back from their callers); undefined: each
   * file alone. Answers about other files are kept under their text, so a changed file is read again. `keepOpen`: how
   * many other modules stay parsed between analyses (CrossModuleAnalysis's default unless given).
   */
  useWorkspace(modules: WorkspaceModules | undefined, keepOpen?: number): void {
    this.crossModule = modules ? new CrossModuleAnalysis(this.parser, modules, keepOpen) : undefined;
  }

  /** The semantic model of a file being analysed, with the workspace's modules when there are. */
  private modelOf(
    tree: Tree,
    text: string,
    byType: Map<string, Node[]>,
    settings: AnalysisSettings,
    path: string | undefined,
    context?: CarriedContext,
  ): SemanticModel {
    return new SemanticModel(
      tree.rootNode,
      text,
      byType,
      settings.taint,
      context,
      this.taintSummaries,
      this.crossModule ? { analysis: this.crossModule, path } : undefined,
    );
  }

  /** Runs one analysis with the other modules it opens kept parsed until it ends; what it read of them with it. */
  private withModules<T extends object>(run: () => T): T & { moduleReads?: ModuleReads } {
    if (!this.crossModule) return run();
    const [result, reads] = this.crossModule.session(run);
    return reads.size ? { ...result, moduleReads: new Map(reads) } : result;
  }

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
    return this.activeRules(settings).filter(({ rule }) =>
      triggers
        ? rule.triggers.length === 0 || rule.triggers.some((word) => triggers.has(word))
        : this.triggered(rule, text),
    );
  }

  /** False when no rule can report anything in `text`, so the file need not even be parsed. */
  hasWork(text: string, settings: AnalysisSettings): boolean {
    // Stops at the first rule that may find something (one without triggers needs no search at all).
    return this.activeRules(settings).some(({ rule }) => this.triggered(rule, text));
  }

  /** The rules of the last `queryFor` and its query: a keystroke's rules are most often the last one's. */
  private lastQuery: { rules: Rule[]; query: Query } | undefined;

  /** The node types the rules in `active` and the semantic model visit, each captured under its type's name. */
  private queryFor(active: readonly ActiveRule[]): Query {
    const last = this.lastQuery;
    if (last && last.rules.length === active.length && active.every(({ rule }, i) => last.rules[i] === rule))
      return last.query;
    const types = new Set<string>(modelNodeTypes);
    for (const { rule } of active) for (const type of Object.keys(rule.visitors)) types.add(type);
    const query = this.parser.query(typesQuery([...types]));
    this.lastQuery = { rules: active.map(({ rule }) => rule), query };
    return query;
  }

  analyze(tree: Tree, text: string, settings: AnalysisSettings, options: AnalyzeOptions = {}): AnalysisResult {
    return this.withModules(() => this.analyzeInSession(tree, text, settings, options));
  }

  private analyzeInSession(
    tree: Tree,
    text: string,
    settings: AnalysisSettings,
    options: AnalyzeOptions,
  ): AnalysisResult {
    const active = this.triggeredRules(text, settings);
    if (active.length === 0)
      return {
        findings: [],
        ruleErrors: [],
        ...(options.modules ? { modules: [...importedModules(this.parser, tree, text)] } : {}),
      };
    const byType = capturesByType(this.queryFor(active).captures(tree.rootNode));
    const model = this.modelOf(tree, text, byType, settings, options.path);
    const pass = this.runRules(tree, text, settings, active, byType, model, { path: options.path, carried: false });
    const result: AnalysisResult = {
      findings: pass.findings.map(({ finding }) => finding),
      ruleErrors: pass.ruleErrors,
      ...(options.modules ? { modules: libraryModules(model.importedModules) } : {}),
    };
    if (options.verifyFixes !== false)
      this.verifyFindings(tree, text, settings, result.findings, options.verificationBudget, undefined, options.path);
    return result;
  }

  /**
   * Parses `text`, analyses it and deletes the tree. The parse is skipped when no rule can report
   * anything, unless `inspect` is to see the tree (before it is deleted) or `modules` asks what the
   * file imports.
   */
  analyzeText(
    text: string,
    settings: AnalysisSettings,
    options: { path?: string; inspect?: (tree: Tree) => void; modules?: boolean } = {},
  ): AnalysisResult {
    if (!options.inspect && !options.modules && !this.hasWork(text, settings)) return { findings: [], ruleErrors: [] };
    const tree = this.parser.parse(text);
    try {
      options.inspect?.(tree);
      return this.analyze(tree, text, settings, { path: options.path, modules: options.modules });
    } finally {
      tree.delete();
    }
  }

  /**
   * Applies every verified automatic fix (safe ones; unsafe ones too under `settings.unsafeFixes`;
   * never one of a low-confidence finding), one at a time: after each, the file is analysed again
   * so the next fix is computed on the current text. A fix after which the file has no fewer
   * findings is declined. Stops when no fix is left (bounded by the finding count). The editor's
   * fix-all and `scan --fix` both run this.
   */
  fixAll(text: string, settings: AnalysisSettings, path?: string): FixOutcome {
    return applyAutomaticFixes(text, settings, (current) => this.analyzeText(current, settings, { path }).findings);
  }

  /**
   * Analyses a document for the editor. With the state of the previous analysis and the range the
   * edits since then changed, only the nodes whose findings the edit can have changed are visited
   * again and the other findings are carried over; when that cannot be shown safe (the edit is not
   * inside one function body, settings or active rules changed, a whole-file rule is active, ...)
   * the whole file is analysed. Either way the findings are those a whole-file analysis of this
   * tree gives (the tests compare the two). Fixes are not checked here: see verifyFindings.
   */
  analyzeForEditor(
    tree: Tree,
    text: string,
    settings: AnalysisSettings,
    previous?: CarriedState,
    dirty?: Dirty,
    path?: string,
  ): EditorAnalysis {
    const analysis = this.withModules(() =>
      this.analyzeForEditorInSession(tree, text, settings, previous, dirty, path),
    );
    // The findings kept from earlier versions read what those versions' analyses read (`state.moduleReads` holds it
    // for an incremental or kept analysis); what this one read, newer, is added to it.
    const reads = new Map(analysis.mode === 'full' ? [] : (analysis.state.moduleReads ?? []));
    for (const [file, hash] of analysis.moduleReads ?? []) reads.set(file, hash);
    if (reads.size) analysis.state.moduleReads = analysis.moduleReads = reads;
    else delete analysis.state.moduleReads;
    return analysis;
  }

  /**
   * For a version not parsed yet (its parse goes on later): the findings of the last version that parsed without
   * syntax errors, moved to `text`, as for a text whose syntax errors spread (see incremental.ts); the analysis of the
   * version once parsed starts from it. Undefined when there is none to keep from, or when what changed since asks
   * for a whole-file analysis (the settings, the rules that apply, a pattern of the whole file).
   */
  keepForEditor(
    text: string,
    settings: AnalysisSettings,
    previous: CarriedState,
    dirty: Dirty | undefined,
  ): EditorAnalysis | undefined {
    const basis = previous.parsed ?? (previous.syntaxErrors ? undefined : previous);
    if (!basis) return undefined;
    const kept = this.keepFindings(
      text,
      settings,
      basis,
      textChange(basis.text, text, basis === previous ? dirty : undefined),
    );
    return typeof kept === 'string' ? undefined : kept;
  }

  private analyzeForEditorInSession(
    tree: Tree,
    text: string,
    settings: AnalysisSettings,
    previous: CarriedState | undefined,
    dirty: Dirty | undefined,
    path: string | undefined,
  ): EditorAnalysis {
    let fullBecause: string | undefined;
    if (previous && dirty) {
      let attempt: EditorAnalysis | string;
      try {
        const start = editStart(previous, tree.rootNode, text, dirty);
        attempt =
          typeof start === 'string'
            ? start
            : start.kind === 'keep'
              ? this.keepFindings(text, settings, start.basis, start.change)
              : this.analyzeIncrementally(tree, text, settings, start.previous, start.dirty, path, start.from);
      } catch (error) {
        // Never lose a version's findings to the shortcut: the whole file is analysed instead.
        attempt = `the incremental analysis failed: ${error instanceof Error ? error.message : String(error)}`;
      }
      if (typeof attempt !== 'string') return this.keepParsed(attempt, tree, previous);
      fullBecause = attempt;
    } else if (previous) fullBecause = 'no edit to start from (the text was replaced or parsed afresh)';
    const whole = this.analyzeWholeForEditor(tree, text, settings, path);
    return this.keepParsed({ ...whole, ...(fullBecause ? { fullBecause } : {}) }, tree, previous);
  }

  /**
   * While the text has syntax errors, the last analysis of a text without them that findings were kept from goes on
   * to the next version, which analyses from it once the text parses again (see incremental.ts).
   */
  private keepParsed(analysis: EditorAnalysis, tree: Tree, previous: CarriedState | undefined): EditorAnalysis {
    if (analysis.mode !== 'kept' && previous?.parsed && tree.rootNode.hasError) analysis.state.parsed = previous.parsed;
    return analysis;
  }

  private analyzeWholeForEditor(
    tree: Tree,
    text: string,
    settings: AnalysisSettings,
    path: string | undefined,
  ): EditorAnalysis {
    const triggers = TriggerIndex.of(this.rules, text);
    const active = this.triggeredRules(text, settings, triggers);
    const byType = active.length
      ? capturesByType(this.queryFor(active).captures(tree.rootNode))
      : new Map<string, Node[]>();
    const model = this.modelOf(tree, text, byType, settings, path);
    const pass = active.length
      ? this.runRules(tree, text, settings, active, byType, model, { triggers, path, carried: true })
      : { findings: [], ruleErrors: [], textReads: [], textTests: [], nameUses: [] };
    const state = carryOver({ root: tree.rootNode, text, settings, triggers, active, model, byType, pass });
    const answers = model.answersForNextVersion();
    if (answers?.size) state.answers = answers;
    if (model.methodCallClasses().size) state.methodCallClasses = model.methodCallClasses();
    return {
      findings: pass.findings.map(({ finding }) => cloneFinding(finding)),
      ruleErrors: pass.ruleErrors,
      state,
      mode: 'full',
      work: model.work(),
    };
  }

  /** The findings kept while the text has syntax errors that spread (see incremental.ts), or why not. */
  private keepFindings(
    text: string,
    settings: AnalysisSettings,
    basis: CarriedState,
    change: Dirty,
  ): EditorAnalysis | string {
    const triggers = basis.triggers.edited(basis.text, text, change);
    const active = this.triggeredRules(text, settings, triggers);
    const kept = keepFindings({ text, settings, basis, change, active });
    if (typeof kept === 'string') return kept;
    return { findings: kept.findings.map(cloneFinding), ruleErrors: [], state: kept.state, mode: 'kept' };
  }

  /** The incremental analysis, or why it cannot be done. */
  private analyzeIncrementally(
    tree: Tree,
    text: string,
    settings: AnalysisSettings,
    previous: CarriedState,
    dirty: Dirty,
    path: string | undefined,
    from: EditorAnalysis['from'],
  ): EditorAnalysis | string {
    const triggers = previous.triggers.edited(previous.text, text, dirty);
    const active = this.triggeredRules(text, settings, triggers);
    const plan = planIncrementalAnalysis({
      tree,
      text,
      settings,
      previous,
      dirty,
      active,
      triggers,
      query: this.queryFor(active),
      modelQuery: this.parser.query(MODEL_NODES_QUERY),
      importQuery: this.parser.query(IMPORTS_QUERY),
    });
    if (typeof plan === 'string') return plan;
    const context: CarriedContext = {
      carried: plan.carried,
      loaded: plan.loadedHoles,
      load: plan.loadHole,
      answers: plan.answers,
      answerIds: plan.answerIds,
    };
    const model = this.modelOf(tree, text, plan.byType, settings, path, context);
    const pass = this.runRules(tree, text, settings, active, plan.byType, model, {
      only: plan.selection,
      triggers,
      path,
      carried: true,
    });
    if (model.mismatch) return 'a carried-over position did not match the new tree';
    if (pass.ruleErrors.length) return 'a rule failed';
    let kept = { findings: plan.keptFindings, textReads: plan.keptTextReads, nameUses: plan.keptNameUses };
    const passes = [pass];
    // The visits that asked answers the edit may have changed, made again where asking again gives another answer.
    const again = changedDependents(plan, (question) => model.answerAgain(question));
    if (again.length) {
      const selection = new VisitSelection([], again);
      const more = this.runRules(tree, text, settings, active, plan.nodesToVisit(selection), model, {
        only: selection,
        triggers,
        path,
        carried: true,
      });
      if (model.mismatch) return 'a carried-over position did not match the new tree';
      if (more.ruleErrors.length) return 'a rule failed';
      passes.push(more);
      const clean = ({ origin }: { origin: Span }) => !selection.selects(origin);
      kept = {
        findings: kept.findings.filter(clean),
        textReads: kept.textReads.filter(clean),
        nameUses: kept.nameUses.filter(clean),
      };
      plan.summary.answerDependentsMadeAgain = again.length;
    }
    const findings = [...kept.findings, ...passes.flatMap((p) => p.findings)].sort((a, b) =>
      compareFindings(a.finding, b.finding),
    );
    const state = plan.nextState({
      findings,
      textReads: [...kept.textReads, ...passes.flatMap((p) => p.textReads)],
      textTests: [...plan.keptTextTests, ...passes.flatMap((p) => p.textTests)],
      nameUses: [...kept.nameUses, ...passes.flatMap((p) => p.nameUses)],
    });
    const answers = model.answersForNextVersion();
    if (answers?.size) state.answers = answers;
    // The records kept from earlier versions may read the calls of the methods of the classes they named.
    if (model.methodCallClasses().size)
      state.methodCallClasses = new Set([...(state.methodCallClasses ?? []), ...model.methodCallClasses()]);
    return {
      findings: findings.map(({ finding }) => cloneFinding(finding)),
      ruleErrors: [],
      state,
      mode: 'incremental',
      from,
      plan: plan.summary,
      work: model.work(),
    };
  }

  /**
   * Runs the rules over the nodes in `byType` (all of the file's, or with `only`, the nodes and
   * references that intersect those ranges), each finding labelled with the node whose visit made it.
   */
  private runRules(
    tree: Tree,
    text: string,
    settings: AnalysisSettings,
    active: readonly ActiveRule[],
    byType: Map<string, Node[]>,
    model: SemanticModel,
    { only, triggers, path, carried }: RunOptions,
  ): Pass {
    const pass: Pass = { findings: [], ruleErrors: [], textReads: [], textTests: [], nameUses: [] };
    // One entry per visited node, whatever the number of rules that visited it.
    const usesByOrigin = new Map<string, NameUse>();
    // The names of a node several rules visited, gathered in one set of this pass's own (a node is visited by many).
    const gathered = new Map<string, Set<string>>();
    const visited = (span: Span) => {
      const uses = model.takeUses();
      if (!uses || !carried) return;
      const key = `${span.start}:${span.end}`;
      const entry = usesByOrigin.get(key);
      if (!entry) usesByOrigin.set(key, { origin: { ...span }, names: uses });
      else if (entry.names !== uses) {
        let names = gathered.get(key);
        if (!names) gathered.set(key, (names = new Set(entry.names)));
        for (const name of uses) names.add(name);
        entry.names = names;
      }
    };
    // Each node's span is read once (its end is a call into WebAssembly), however many rules visit it.
    const spansByType = new Map<string, Span[]>();
    const spansOf = (type: string, nodes: readonly Node[]): Span[] => {
      let spans = spansByType.get(type);
      if (!spans) {
        spans = nodes.map((node) => ({ start: node.startIndex, end: node.endIndex }));
        spansByType.set(type, spans);
      }
      return spans;
    };
    const findingFilter = new FindingFilter(tree.rootNode, text, settings);
    let origin: Span = { start: 0, end: 0 };
    const testsSeen = new Set<string>();
    for (const { rule, severity } of active) {
      if (!ruleApplies(rule, model.importedModules)) continue;
      // A rule with nothing to visit here needs no context (an editor analysis visits few nodes, often none).
      if (!rule.references && !visitsAny(rule, byType)) continue;
      const perRule: OriginFinding[] = [];
      const answers = new Map<string, unknown>();
      const context: RuleContext = {
        model,
        settings,
        path,
        report: (report: Report) => {
          if (
            findingFilter.drops(report.node, rule.meta, report.confidence ?? 'medium', (call) => model.calleeName(call))
          )
            return;
          perRule.push({
            origin: { ...origin },
            finding: {
              ruleId: rule.meta.id,
              message: report.message,
              start: report.node.startIndex,
              end: report.node.endIndex,
              severity: findingFilter.severityOf(report.severity ?? severity, report.confidence ?? 'medium'),
              confidence: report.confidence ?? 'medium',
              fix: report.fix,
              ...fixUnavailableOf(report.fixUnavailable),
              ...(report.flow?.length ? { flow: report.flow } : {}),
            },
          });
        },
        textOf: (start: number, end = text.length) => {
          if (carried && (start < origin.start || end > origin.end))
            pass.textReads.push({ origin: { ...origin }, start, end });
          return text.slice(start, end);
        },
        textMatches: (pattern: RegExp) => {
          const value = testWhole(pattern, text);
          const key = `${pattern.flags}/${pattern.source}`;
          if (carried && !testsSeen.has(key)) {
            testsSeen.add(key);
            pass.textTests.push({ pattern, value });
          }
          return value;
        },
        once: <T>(key: string, compute: () => T): T => {
          if (!answers.has(key)) answers.set(key, compute());
          return answers.get(key) as T;
        },
      };
      try {
        for (const type in rule.visitors) {
          const visit = rule.visitors[type];
          const nodes = byType.get(type);
          if (!nodes) continue;
          // A one-off pass keeps no origins (nothing is carried to a next version): no span is read.
          const spans = carried ? spansOf(type, nodes) : undefined;
          for (let i = 0; i < nodes.length; i++) {
            if (spans) origin = spans[i];
            model.takeUses();
            visit!(nodes[i], context);
            visited(origin);
          }
        }
        if (rule.references) {
          for (const node of referencesTo(
            tree.rootNode,
            text,
            rule.references.names,
            triggers && ((name) => triggers.occurrences(name)),
            only,
          )) {
            if (carried) origin = { start: node.startIndex, end: node.endIndex };
            model.takeUses();
            rule.references.visit(node, context);
            visited(origin);
          }
        }
        pass.findings.push(...perRule);
      } catch (error) {
        pass.ruleErrors.push({
          ruleId: rule.meta.id,
          error: error instanceof Error ? (error.stack ?? error.message) : String(error),
        });
      }
    }
    for (const use of usesByOrigin.values()) {
      use.names = this.usesPool.intern(use.names);
      pass.nameUses.push(use);
    }
    pass.findings.sort((a, b) => compareFindings(a.finding, b.finding));
    return pass;
  }

  /**
   * Checks the fixes of `findings` (see FixChecker) within the verification budget; fixes that
   * fail or are not checked are withheld, with the reason.
   */
  verifyFindings(
    tree: Tree,
    text: string,
    settings: AnalysisSettings,
    findings: Finding[],
    verificationBudget?: number,
    cache?: FixCheckCache,
    path?: string,
  ): void {
    const checker = this.fixChecker(tree, text, settings, findings, { budget: verificationBudget, cache, path });
    for (const finding of findings) checker.check(finding);
  }

  /** A checker for the fixes of `findings` on this tree and text (see FixChecker). */
  fixChecker(
    tree: Tree,
    text: string,
    settings: AnalysisSettings,
    findings: readonly Finding[],
    options: FixCheckOptions = {},
  ): FixChecker {
    return new FixChecker(this, tree, text, settings, findings, options);
  }

  /**
   * Checks one finding's fix (see verifyFix) on the whole file; a fix that fails is removed and the reason recorded.
   */
  verifyFinding(
    tree: Tree,
    text: string,
    settings: AnalysisSettings,
    findings: readonly Finding[],
    finding: Finding,
    path?: string,
  ): void {
    if (!finding.fix) return;
    const problem = this.verifyFix(tree, text, settings, findings, finding, path);
    if (problem) {
      finding.fix = undefined;
      finding.fixUnavailable = `the automatic rewrite was withheld: ${problem}`;
      finding.fixUnavailableCode = 'withheld';
    }
  }

  /**
   * A fix is kept only if its output parses with no new syntax errors, no longer has the finding
   * and has no new finding. Returns what went wrong, or undefined when the fix is safe.
   */
  verifyFix(
    tree: Tree,
    text: string,
    settings: AnalysisSettings,
    before: readonly Finding[],
    finding: Finding,
    path?: string,
  ): string | undefined {
    let fixed: string;
    try {
      fixed = applyEdits(text, finding.fix!.edits);
    } catch (error) {
      return (error as Error).message;
    }
    const fixedTree = this.parser.reparse(tree, text, finding.fix!.edits, fixed);
    try {
      if (syntaxErrorCount(fixedTree.rootNode) > syntaxErrorCount(tree.rootNode)) return 'its output does not parse';
      const strict = strictSyntaxProblem(this.parser, fixedTree.rootNode, editedRanges(finding.fix!.edits), fixed);
      if (strict) return `its output is not valid Python (${strict})`;
      const after = this.analyze(fixedTree, fixed, settings, { verifyFixes: false, path }).findings;
      return compareFindingCounts(before, after, finding.ruleId);
    } finally {
      fixedTree.delete();
    }
  }
}

/**
 * Whether a fix leaves as many findings of its rule as before, or adds one of another rule: what went wrong, or
 * undefined.
 */
export function compareFindingCounts(
  before: readonly Finding[],
  after: readonly Finding[],
  ruleId: string,
): string | undefined {
  const count = (list: readonly Finding[]) => {
    const counts = new Map<string, number>();
    for (const f of list) counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + 1);
    return counts;
  };
  const beforeCounts = count(before);
  const afterCounts = count(after);
  if ((afterCounts.get(ruleId) ?? 0) >= (beforeCounts.get(ruleId) ?? 0)) return 'the finding is still there afterwards';
  for (const [id, n] of afterCounts) {
    if (n > (beforeCounts.get(id) ?? 0)) return `it would introduce a new ${id} finding`;
  }
  return undefined;
}

/** Files from this many characters have their fixes checked on the part of the file they touch (see FixChecker). */
export const REGION_CHECK_FROM = 20_000;

/** A region past this share of the file is not worth cutting out: the fix is checked on the whole file. */
const REGION_MAX_SHARE = 0.25;

/** Most characters of re-analysed text the fix checks of one file may use, however large (about 15 s of checks). */
export const FIX_CHECK_MAX_BUDGET = 4_000_000;

/**
 * The characters of re-analysed text the fix checks of a file of `length` characters may use in
 * all: a region check costs about twice the region, so 8 × the file lets every fix of a file full
 * of findings be checked, up to FIX_CHECK_MAX_BUDGET.
 */
export function fixCheckBudget(length: number): number {
  return Math.min(Math.max(FIX_VERIFICATION_BUDGET, 8 * length), FIX_CHECK_MAX_BUDGET);
}

export const UNCHECKED_FIX =
  'the automatic rewrite was not checked: this file has more fixable findings than can be checked at once; fix the ones above first';

export interface FixCheckOptions {
  /** Characters of re-analysed text all the checks may use (default: fixCheckBudget of the file's length). */
  budget?: number;
  /**
   * Files from this many characters are checked by region (default REGION_CHECK_FROM); smaller ones on the whole file.
   */
  regionFrom?: number;
  /** Verdicts of earlier checks (of earlier versions of the document) to reuse. */
  cache?: FixCheckCache;
  /** The file's path (the checks analyse the fixed text as the same file of the workspace). */
  path?: string;
}

/**
 * Verdicts of region checks, by everything a verdict depends on: the settings, the region's text,
 * the finding's place in it and the fix's edits. A document keeps one across its versions, so
 * after an edit only the fixes of the regions it changed are checked again.
 */
export class FixCheckCache {
  private readonly verdicts = new Map<string, string>();
  constructor(private readonly limit = 50_000) {}

  get size(): number {
    return this.verdicts.size;
  }

  get(key: string): string | undefined {
    return this.verdicts.get(key);
  }

  set(key: string, verdict: string): void {
    if (this.verdicts.size >= this.limit) this.verdicts.delete(this.verdicts.keys().next().value as string);
    this.verdicts.set(key, verdict);
  }
}

/** A statement of the module, on whole lines (a comment after it on its last line included). */
interface TopStatement {
  start: number;
  end: number;
  /** The name a function or class definition binds; undefined for other statements. */
  name?: string;
  definition: boolean;
}

/** Whole top-level statements cut out of a file and joined, with the way back to file offsets. */
interface Region {
  pieces: Span[];
  /** Where each piece starts in `text`. */
  at: number[];
  text: string;
  key: string;
}

const definitionTypes = new Set(['function_definition', 'class_definition', 'decorated_definition']);

/**
 * Checks fixes. A fix is kept only if it applies, its output parses with no new syntax error, no
 * longer has the finding and has no new finding. In a small file (under `regionFrom`) that is
 * checked on the whole file. In a larger one, on a *region*: the top-level statements the fix's
 * edits and the finding are in (a function, a class), the functions and classes of the module
 * they name (what calls reach, transitively, up to a size), and every top-level statement that is
 * not a definition (imports, module globals, the first lines), cut out and joined. The region is
 * analysed before and after the fix: the finding must be in it before, the counts compare as for
 * the whole file. An import a fix adds is among the region's imports; an edit outside the region's
 * statements, a region too large, or a finding the region alone does not show sends the check to
 * the whole file. All checks share a budget of re-analysed characters: past it, the remaining
 * fixes are withheld and say why. The first fix is always checked.
 */
export class FixChecker {
  private statements?: TopStatement[];
  private definitionsByName?: Map<string, number[]>;
  private contextLength = 0;
  private readonly regionBefore = new Map<string, { findings: Finding[]; errors: number }>();
  private readonly budget: number;
  private readonly regionFrom: number;
  private readonly eol: string;
  private settingsKeyValue?: string;
  /** Characters re-analysed so far. */
  spent = 0;
  /**
   * The cheapest region check so far: when the budget cannot pay for one like it, later fixes are not cut out at all.
   */
  private cheapestRegion = Number.POSITIVE_INFINITY;
  checked = 0;
  /** How the checks went (for the benchmark and the tests). */
  readonly counts = { whole: 0, region: 0, cached: 0, unchecked: 0, fallback: 0 };

  constructor(
    private readonly engine: Engine,
    private readonly tree: Tree,
    private readonly text: string,
    private readonly settings: AnalysisSettings,
    private readonly findings: readonly Finding[],
    private readonly options: FixCheckOptions = {},
  ) {
    this.budget = options.budget ?? fixCheckBudget(text.length);
    this.regionFrom = options.regionFrom ?? REGION_CHECK_FROM;
    this.eol = /\r\n|\n|\r/.exec(text)?.[0] ?? '\n';
  }

  /** Checks one finding's fix: a fix that fails, or is past the budget, is removed and the reason recorded. */
  check(finding: Finding): void {
    if (!finding.fix) return;
    const problem = this.problemOf(finding);
    if (problem === undefined) return;
    finding.fix = undefined;
    finding.fixUnavailable = problem === UNCHECKED_FIX ? problem : `the automatic rewrite was withheld: ${problem}`;
    finding.fixUnavailableCode = problem === UNCHECKED_FIX ? 'unchecked' : 'withheld';
  }

  private affordable(cost: number): boolean {
    return this.checked === 0 || this.spent + cost <= this.budget;
  }

  private whole(finding: Finding): string | undefined {
    if (!this.affordable(this.text.length)) {
      this.counts.unchecked++;
      return UNCHECKED_FIX;
    }
    this.checked++;
    this.counts.whole++;
    this.spent += this.text.length;
    return this.engine.verifyFix(this.tree, this.text, this.settings, this.findings, finding, this.options.path);
  }

  private problemOf(finding: Finding): string | undefined {
    if (this.text.length < this.regionFrom) return this.whole(finding);
    // Every region holds the module's other statements: once the budget cannot pay for those, no
    // check can be afforded, and cutting out a region for each remaining fix would cost findings ×
    // file size for nothing (a cache may still know the verdict, so with one the region is cut).
    this.topStatements();
    const floor = Number.isFinite(this.cheapestRegion)
      ? Math.max(this.contextLength, this.cheapestRegion)
      : this.contextLength;
    if (!this.options.cache && !this.affordable(floor)) {
      this.counts.unchecked++;
      return UNCHECKED_FIX;
    }
    const region = this.regionFor(finding);
    if (!region) {
      this.counts.fallback++;
      return this.whole(finding);
    }
    const map = (offset: number) => this.mapOffset(region, offset);
    const edits: TextEdit[] = [];
    for (const edit of finding.fix!.edits) {
      const start = map(edit.start);
      const end = map(edit.end);
      // Each edit within one piece (from where it starts to where it ends, nothing cut out between).
      if (start === undefined || end === undefined || end - start !== edit.end - edit.start) {
        this.counts.fallback++;
        return this.whole(finding);
      }
      edits.push({ start, end, newText: edit.newText });
    }
    const start = map(finding.start);
    const end = map(finding.end);
    if (start === undefined || end === undefined) {
      this.counts.fallback++;
      return this.whole(finding);
    }
    const key = this.cacheKey(region, finding.ruleId, start, end, edits);
    const cached = this.options.cache?.get(key);
    if (cached !== undefined) {
      this.counts.cached++;
      return cached || undefined;
    }
    let after: string;
    try {
      after = applyEdits(region.text, edits);
    } catch (error) {
      return (error as Error).message;
    }
    const before = this.regionBefore.get(region.key);
    const cost = after.length + (before ? 0 : region.text.length);
    if (!this.affordable(cost)) {
      this.counts.unchecked++;
      return UNCHECKED_FIX;
    }
    this.checked++;
    this.counts.region++;
    this.spent += cost;
    this.cheapestRegion = Math.min(this.cheapestRegion, cost);
    const original = before ?? this.analyzeRegion(region.text);
    if (!before) this.regionBefore.set(region.key, original);
    // The region must show the finding by itself; if it does not, only the whole file can tell.
    if (!original.findings.some((f) => f.ruleId === finding.ruleId && f.start === start && f.end === end)) {
      this.counts.fallback++;
      this.checked--;
      return this.whole(finding);
    }
    const fixed = this.analyzeRegion(after, editedRanges(edits));
    const problem =
      fixed.errors > original.errors
        ? 'its output does not parse'
        : fixed.strict
          ? `its output is not valid Python (${fixed.strict})`
          : compareFindingCounts(original.findings, fixed.findings, finding.ruleId);
    this.options.cache?.set(key, problem ?? '');
    return problem;
  }

  /**
   * The region's findings and syntax errors; with `edited`, also what CPython would reject there that tree-sitter
   * accepts.
   */
  private analyzeRegion(
    text: string,
    edited?: readonly Span[],
  ): { findings: Finding[]; errors: number; strict?: string } {
    const tree = this.engine.parser.parse(text);
    try {
      const strict = edited ? strictSyntaxProblem(this.engine.parser, tree.rootNode, edited, text) : undefined;
      return {
        errors: syntaxErrorCount(tree.rootNode),
        findings: this.engine.analyze(tree, text, this.settings, { verifyFixes: false, path: this.options.path })
          .findings,
        strict,
      };
    } finally {
      tree.delete();
    }
  }

  private cacheKey(region: Region, ruleId: string, start: number, end: number, edits: readonly TextEdit[]): string {
    this.settingsKeyValue ??= settingsKey(this.settings);
    const hash = new TextHash();
    hash.update(this.settingsKeyValue);
    hash.update(`\0${ruleId}\0${start}\0${end}\0`);
    for (const edit of edits) hash.update(`${edit.start}\0${edit.end}\0${edit.newText.length}\0${edit.newText}\0`);
    hash.update(region.text);
    return hash.digest();
  }

  /** The module's statements, on whole lines, in order (built on first use). */
  private topStatements(): TopStatement[] {
    if (this.statements) return this.statements;
    const text = this.text;
    const lineStart = (offset: number) => lineStartAt(text, offset);
    const lineEnd = (offset: number) => {
      const match = /[\r\n]/g;
      match.lastIndex = offset;
      return match.exec(text)?.index ?? text.length;
    };
    const statements: TopStatement[] = [];
    const byName = new Map<string, number[]>();
    for (const child of this.tree.rootNode.namedChildren) {
      if (!child || child.type === 'comment') continue;
      const definition = definitionTypes.has(child.type);
      const named = child.type === 'decorated_definition' ? child.childForFieldName('definition') : child;
      const name = definition ? named?.childForFieldName('name')?.text : undefined;
      const statement: TopStatement = {
        start: lineStart(child.startIndex),
        end: lineEnd(child.endIndex),
        definition,
        ...(name ? { name } : {}),
      };
      const last = statements[statements.length - 1];
      // Statements that share a line (`a = 1; b = 2`) are one.
      if (last && statement.start < last.end) {
        last.end = Math.max(last.end, statement.end);
        last.definition = last.definition && definition;
        continue;
      }
      statements.push(statement);
      if (!definition) this.contextLength += statement.end - statement.start + 1;
    }
    statements.forEach((statement, i) => {
      if (!statement.name) return;
      const list = byName.get(statement.name);
      if (list) list.push(i);
      else byName.set(statement.name, [i]);
    });
    this.statements = statements;
    this.definitionsByName = byName;
    return statements;
  }

  /** Index of the statement whose lines hold [start, end] (ends included), or -1. */
  private statementAt(start: number, end: number): number {
    const statements = this.topStatements();
    const found = partitionPoint(statements, (statement) => statement.start <= start) - 1;
    return found >= 0 && end <= statements[found].end ? found : -1;
  }

  /** The region that checks `finding`'s fix, or undefined when the whole file must. */
  private regionFor(finding: Finding): Region | undefined {
    const statements = this.topStatements();
    if (!statements.length) return undefined;
    const max = this.text.length * REGION_MAX_SHARE;
    if (this.contextLength > max) return undefined;
    const preludeEnd = statements[0].start;
    const chosen = new Set<number>();
    for (const span of [...finding.fix!.edits, finding]) {
      if (span.end <= preludeEnd) continue;
      const at = this.statementAt(span.start, span.end);
      if (at < 0) return undefined;
      if (statements[at].definition) chosen.add(at);
    }
    // The definitions the chosen ones name (calls, base classes, decorators), transitively.
    let size = this.contextLength;
    for (const at of chosen) size += statements[at].end - statements[at].start + 1;
    if (size > max) return undefined;
    const identifier = /[A-Za-z_][A-Za-z0-9_]*/g;
    const queue = [...chosen];
    while (queue.length) {
      const at = queue.shift()!;
      const body = this.text.slice(statements[at].start, statements[at].end);
      identifier.lastIndex = 0;
      for (let match = identifier.exec(body); match; match = identifier.exec(body)) {
        // A name defined many times (a file of repeated blocks) binds its last definition once the
        // module has run: that one is what a call reaches, and taking only it keeps this linear.
        const definitions = this.definitionsByName!.get(match[0]);
        for (const other of definitions ? [definitions[definitions.length - 1]] : []) {
          if (chosen.has(other)) continue;
          const length = statements[other].end - statements[other].start + 1;
          // Past the size, callees are left out: the region is still checked, with less around it.
          if (size + length > max) continue;
          size += length;
          chosen.add(other);
          queue.push(other);
        }
      }
    }
    const pieces: Span[] = [];
    if (preludeEnd > 0) pieces.push({ start: 0, end: preludeEnd });
    statements.forEach((statement, i) => {
      if (!statement.definition || chosen.has(i)) pieces.push({ start: statement.start, end: statement.end });
    });
    const at: number[] = [];
    const parts: string[] = [];
    let length = 0;
    for (const piece of pieces) {
      at.push(length);
      const part = this.text.slice(piece.start, piece.end);
      parts.push(part);
      length += part.length + this.eol.length;
    }
    return { pieces, at, text: parts.join(this.eol) + this.eol, key: pieces.map((piece) => piece.start).join(',') };
  }

  /** Where file offset `offset` is in `region`'s text, or undefined when it was cut out. */
  private mapOffset(region: Region, offset: number): number | undefined {
    const index = partitionPoint(region.pieces, (piece) => piece.end < offset);
    const piece = region.pieces[index];
    return piece && piece.start <= offset ? region.at[index] + offset - piece.start : undefined;
  }
}

/** Findings in document order; ties broken by rule and message, so the order never depends on visiting order. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.start - b.start ||
    a.end - b.end ||
    a.ruleId.localeCompare(b.ruleId) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}

/** A copy the caller may change (fix checks remove fixes) without changing what is carried over. */
export function cloneFinding(finding: Finding): Finding {
  return {
    ...finding,
    ...(finding.fix ? { fix: { ...finding.fix, edits: finding.fix.edits.map((edit) => ({ ...edit })) } } : {}),
    ...(finding.flow ? { flow: finding.flow.map((step) => ({ ...step })) } : {}),
  };
}

/** Whether `byType` holds nodes of a type the rule visits. */
function visitsAny(rule: Rule, byType: ReadonlyMap<string, Node[]>): boolean {
  for (const type in rule.visitors) if (byType.has(type)) return true;
  return false;
}

const wordCharacter = /[A-Za-z0-9_]/;

/**
 * Each identifier spelled as one of `names`, as the whole reference: `ssl.CERT_NONE` rather than
 * its last part. `occurrences` gives where a name occurs when already known; with `only`, just
 * the references it selects.
 */
export function referencesTo(
  root: Node,
  text: string,
  names: readonly string[],
  occurrences?: (name: string) => readonly number[] | undefined,
  only?: VisitSelection,
): Node[] {
  const found: Node[] = [];
  for (const name of names) {
    const known = occurrences?.(name);
    const positions: number[] = [];
    if (known) positions.push(...known);
    else for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) positions.push(at);
    for (const at of positions) {
      if (wordCharacter.test(text[at - 1] ?? '') || wordCharacter.test(text[at + name.length] ?? '')) continue;
      // A reference ends with its name: one ending before every selected visit starts is not selected.
      if (only && at + name.length <= only.firstStart) continue;
      const node = root.namedDescendantForIndex(at, at + name.length);
      if (node?.type !== 'identifier' || node.startIndex !== at || node.endIndex !== at + name.length) continue;
      const parent = node.parent;
      const isAttributePart = parent?.type === 'attribute' && parent.childForFieldName('attribute')?.startIndex === at;
      const reference = isAttributePart ? parent : node;
      if (only && !only.selects({ start: reference.startIndex, end: reference.endIndex })) continue;
      found.push(reference);
    }
  }
  return found.sort((a, b) => a.startIndex - b.startIndex);
}
