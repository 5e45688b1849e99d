import type { Node } from '../parser/parser';
import type { ModelView } from '../semantic/model';
import type { AnalysisSettings } from '../config/settings';
import type { AutomaticChecklistItemId } from '../shared/checklistItems';
import type { AdvisoryReference, Applicability, Confidence, Fix, FixRefusal, FlowStep, Severity } from '../core/types';

/** The core types a rule reports with, so that rule files import everything from the rule API. */
export type {
  AdvisoryReference,
  Applicability,
  Confidence,
  Finding,
  Fix,
  FixRefusal,
  FixUnavailableCode,
  FlowStep,
  Severity,
  TextEdit,
} from '../core/types';

/**
 * The documentation each rule file opens with (a comment with the sections below, in this order).
 * `npm run docs` extracts it into docs/rules/ and ruleDocs.generated.json, which hover text and
 * SARIF read, so the three cannot drift apart.
 */
export interface RuleDocs {
  whatItDoes: string;
  whyIsThisBad: string;
  example: string;
  useInstead: string;
  references: string[];
}

export interface RuleMeta {
  /** Stable id, used in diagnostics, settings and suppression comments. */
  id: string;
  /** kebab-case name. */
  name: string;
  title: string;
  defaultSeverity: Severity;
  cwe: number;
  owasp: string;
  /** Id of the security-checklist item the rule's findings count against. */
  checklistItem: AutomaticChecklistItemId;
  /** Equivalent checks in other tools, honoured by `# nosec B608` and `# noqa: S608`. */
  bandit: string[];
  ruff: string[];
  fixable: boolean;
  /** Every fix the rule can offer, with its applicability and why: docs/fixes.md is generated from these. */
  fixes?: readonly FixDoc[];
}

/**
 * A fix as its rule documents it. `title` is the fix's title up to the change an unsafe fix names
 * in parentheses, with `<placeholders>` where it depends on the code (`Accept only <algorithm> tokens`).
 */
export interface FixDoc {
  title: string;
  applicability: Applicability;
  /** Why it keeps behaviour (safe) or what it changes (unsafe). */
  why: string;
}

export interface Report {
  node: Node;
  message: string;
  confidence?: Confidence;
  fix?: Fix;
  /** Why no fix is offered here: the message (its code is `not-here`), or a fix builder's coded refusal. */
  fixUnavailable?: string | FixRefusal;
  flow?: FlowStep[];
  /** Overrides the configured severity downwards (a value of unknown origin shown as a hint). */
  severity?: Severity;
}

/**
 * What a rule sees of the file: the semantic model, and text accessors that record what they read
 * (an incremental analysis checks a finding again when the text it depends on changes). There is no
 * way to read the file's text behind their back.
 */
export interface RuleContext {
  readonly model: ModelView;
  readonly settings: AnalysisSettings;
  /** The file's path, when it has one (not for an unsaved document); fixes that add imports read it. */
  readonly path?: string;
  report(report: Report): void;
  /**
   * The file's text between two offsets (to the end of the file without `end`); a finding that
   * depends on it is re-checked when that text changes.
   */
  textOf(start: number, end?: number): string;
  /** Whether `pattern` matches anywhere in the file; the analysis of the next version checks it again. */
  textMatches(pattern: RegExp): boolean;
  /**
   * `compute()`, once per analysis of the file and rule: an answer many findings share (the names
   * given to every secret of the file). It lives as long as this analysis, so no answer outlives
   * the text it was computed from; what `compute` reads is recorded for the visit that first asks.
   */
  once<T>(key: string, compute: () => T): T;
}

/** A rule is its metadata plus visitors keyed by tree-sitter node type. */
export interface Rule {
  meta: RuleMeta;
  /** Words that must occur in a file for the rule to have anything to find (used to skip files fast). */
  triggers: string[];
  visitors: Partial<Record<string, (node: Node, context: RuleContext) => void>>;
  /**
   * Visits references to a few names (`CERT_NONE`, `PROTOCOL_SSLv2`) without collecting every
   * identifier of the file: the engine finds the words in the text and hands over the reference,
   * `ssl.CERT_NONE` as the attribute, a bare `CERT_NONE` as the identifier.
   */
  references?: { names: readonly string[]; visit: (node: Node, context: RuleContext) => void };
  /** Modules (or their submodules) a file must import for the rule to find anything: elsewhere it does not run. */
  requiresImport?: readonly string[];
  /**
   * True when a finding may depend on code anywhere in the file beyond what the semantic model,
   * `textOf` and `textMatches` show (the rule walks the whole tree). Such a rule that visits only
   * the `module` node runs in full on every analysis; with other visitors, every edit re-analyses
   * the whole file while the rule applies. Without it an edit re-analyses what it can have changed.
   */
  wholeFile?: true;
}

/** A finding of a file rule, by offsets into the file's text. */
export interface FileReport {
  start: number;
  end: number;
  message: string;
  confidence?: Confidence;
  fix?: Fix;
  /** Why no fix is offered here: the message (its code is `not-here`), or a fix builder's coded refusal. */
  fixUnavailable?: string | FixRefusal;
  /** The advisories the finding is about (a dependency with known vulnerabilities). */
  advisories?: AdvisoryReference[];
}

export interface FileRuleContext {
  /** Absolute path of the file (or its name, for an unsaved document). */
  readonly path: string;
  readonly text: string;
  readonly settings: AnalysisSettings;
  /** Whether `.gitignore` rules ignore the file; undefined when that cannot be told (no repository). */
  isGitIgnored(): boolean | undefined;
  report(report: FileReport): void;
}

/**
 * A rule about a file that is not Python source (requirements*.txt, pyproject.toml, .env): it
 * receives the file's path and text instead of a tree.
 */
export interface FileRule {
  meta: RuleMeta;
  /** The base names of the files the rule reads. */
  files: RegExp;
  check(context: FileRuleContext): void;
}
