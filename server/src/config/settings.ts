import { parse as parseToml } from 'smol-toml';
import type { FileAccess } from '../core/fileAccess';
import type { Confidence, Severity } from '../core/types';
import { TaintOptions, defaultTaintOptions, sourceFamilies, SourceFamily } from '../semantic/taintCatalog';

export type RuleSetting = Severity | 'off';
export type ParamStyle = 'auto' | 'qmark' | 'format' | 'named';
/** What injection rules do with a value that is not constant but whose origin the file does not show. */
export type UnknownOrigin = 'report' | 'hint' | 'off';

export interface TaintSettings extends TaintOptions {
  unknownOrigin: UnknownOrigin;
}

/** Everything that changes what the engine reports. Plain data: it crosses the LSP and CLI boundaries. */
export interface AnalysisSettings {
  rules: Record<string, RuleSetting>;
  exclude: string[];
  paramstyle: ParamStyle;
  /** Findings less severe than this are not reported (`hint` reports everything). */
  severityThreshold: Severity;
  taint: TaintSettings;
  /** Fix-all, fix on save and `scan --fix` also apply unsafe fixes (`unsafe-fixes = true`, `--unsafe-fixes`). */
  unsafeFixes: boolean;
  /**
   * An advisory file (absolute path) to check dependencies against instead of the shipped data
   * (`dependencies.advisories`, `--advisories`).
   */
  advisories?: string;
  /** Findings less confident than this are not reported (`confidence`, `--confidence`); unset reports every one. */
  confidence?: Confidence;
  /** Bandit checks (`B608`; Ruff's `S608` is stored as `B608`) and rule ids skipped or selected. */
  checks?: CheckSelection;
  /** `quieter`: a low-confidence finding is shown one severity lower (the editor's default); unset: as is. */
  lowConfidence?: LowConfidence;
}

export type LowConfidence = 'quieter' | 'same';

/**
 * `skip`: findings of these checks or rules are dropped (a finding of a rule that covers several
 * Bandit checks counts for the one its code shows). `only`: when set, just the findings of these.
 * `onlyKeepsUnmapped`: `only` leaves rules without a Bandit equivalent alone (`[tool.bandit] tests`).
 */
export interface CheckSelection {
  skip: string[];
  only?: string[];
  onlyKeepsUnmapped?: boolean;
  /** Rule ids our own table sets: `[tool.bandit]`'s skips and tests leave their findings alone. */
  keep?: string[];
}

export const confidenceOrder: readonly Confidence[] = ['high', 'medium', 'low'];

/** A Bandit id for a Bandit or Ruff id (`S608` → `B608`); other ids upper-cased. */
export function normalizeCheckId(id: string): string {
  const upper = id.trim().toUpperCase();
  return /^S\d{3}$/.test(upper) ? `B${upper.slice(1)}` : upper;
}

export const defaultTaintSettings: TaintSettings = {
  ...defaultTaintOptions,
  sources: { ...defaultTaintOptions.sources },
  unknownOrigin: 'report',
};

export const defaultSettings: AnalysisSettings = {
  rules: {},
  exclude: [],
  paramstyle: 'auto',
  severityThreshold: 'hint',
  taint: defaultTaintSettings,
  unsafeFixes: false,
};

/** Severities from most to least severe. */
export const severityOrder: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

const ruleSettings: ReadonlySet<string> = new Set(['off', 'error', 'warning', 'information', 'hint']);
const paramStyles: ReadonlySet<string> = new Set(['auto', 'qmark', 'format', 'named']);

/** Thrown for a configuration that cannot be used; its message names the file and the problem. */
export class ConfigError extends Error {}

/**
 * Validates untyped input (VS Code settings, a TOML table) into settings, layered over `base`.
 * Unknown keys are ignored; values of the wrong type are reported in `problems` and skipped.
 */
export function mergeSettings(base: AnalysisSettings, raw: unknown, problems: string[] = []): AnalysisSettings {
  if (raw === undefined || raw === null) return base;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push('settings must be a table/object');
    return base;
  }
  const input = raw as Record<string, unknown>;
  const result: AnalysisSettings = {
    rules: { ...base.rules },
    exclude: [...base.exclude],
    paramstyle: base.paramstyle,
    severityThreshold: base.severityThreshold,
    taint: base.taint,
    unsafeFixes: base.unsafeFixes,
    ...(base.confidence ? { confidence: base.confidence } : {}),
    ...(base.checks ? { checks: base.checks } : {}),
    ...(base.lowConfidence ? { lowConfidence: base.lowConfidence } : {}),
  };
  if (input.rules !== undefined) {
    if (typeof input.rules === 'object' && input.rules !== null && !Array.isArray(input.rules)) {
      for (const [id, value] of Object.entries(input.rules as Record<string, unknown>)) {
        if (typeof value === 'string' && ruleSettings.has(value)) result.rules[id] = value as RuleSetting;
        else problems.push(`rules.${id}: expected one of off, error, warning, information, hint`);
      }
    } else problems.push('rules: expected a table of rule id = severity');
  }
  if (input.exclude !== undefined) {
    if (Array.isArray(input.exclude) && input.exclude.every((item) => typeof item === 'string')) {
      result.exclude.push(...input.exclude);
    } else problems.push('exclude: expected a list of glob strings');
  }
  const paramstyle = input.paramstyle ?? (input.sql as Record<string, unknown> | undefined)?.paramstyle;
  if (paramstyle !== undefined) {
    if (typeof paramstyle === 'string' && paramStyles.has(paramstyle)) result.paramstyle = paramstyle as ParamStyle;
    else problems.push('paramstyle: expected one of auto, qmark, format, named');
  }
  if (input.severityThreshold !== undefined && input.severityThreshold !== null) {
    if (
      typeof input.severityThreshold === 'string' &&
      (severityOrder as readonly string[]).includes(input.severityThreshold)
    )
      result.severityThreshold = input.severityThreshold as Severity;
    else problems.push('severityThreshold: expected one of error, warning, information, hint');
  }
  if (input.taint !== undefined) result.taint = mergeTaint(base.taint, input.taint, problems);
  const unsafeFixes = input.unsafeFixes ?? input['unsafe-fixes'];
  if (unsafeFixes !== undefined && unsafeFixes !== null) {
    if (typeof unsafeFixes === 'boolean') result.unsafeFixes = unsafeFixes;
    else problems.push('unsafe-fixes: expected true or false');
  }
  if (base.advisories) result.advisories = base.advisories;
  const advisories = input.advisories ?? (input.dependencies as Record<string, unknown> | undefined)?.advisories;
  if (advisories !== undefined && advisories !== null && advisories !== '') {
    if (typeof advisories === 'string') result.advisories = advisories;
    else problems.push('dependencies.advisories: expected the path of an advisory file');
  }
  if (input.confidence !== undefined && input.confidence !== null) {
    if (typeof input.confidence === 'string' && (confidenceOrder as readonly string[]).includes(input.confidence))
      result.confidence = input.confidence as Confidence;
    else problems.push('confidence: expected one of high, medium, low');
  }
  if (input.lowConfidence !== undefined && input.lowConfidence !== null) {
    if (input.lowConfidence === 'quieter' || input.lowConfidence === 'same') result.lowConfidence = input.lowConfidence;
    else problems.push('lowConfidence: expected quieter or same');
  }
  for (const key of ['skip', 'tests'] as const) {
    if (input[key] === undefined || input[key] === null) continue;
    if (!isStringList(input[key])) {
      problems.push(`${key}: expected a list of rule, Bandit or Ruff ids such as "PSG101", "B608", "S608"`);
      continue;
    }
    const ids = input[key].map(normalizeCheckId);
    const checks: CheckSelection = { ...(result.checks ?? {}), skip: [...(result.checks?.skip ?? [])] };
    if (key === 'skip') checks.skip.push(...ids);
    else {
      checks.only = ids;
      checks.onlyKeepsUnmapped = false;
    }
    result.checks = checks;
  }
  return result;
}

const unknownOrigins: ReadonlySet<string> = new Set(['report', 'hint', 'off']);
const isStringList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

/** `taint.unknownOrigin`, `taint.sources` (family → on/off), `taint.extraSources`, `taint.extraSanitizers`. */
function mergeTaint(base: TaintSettings, raw: unknown, problems: string[]): TaintSettings {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push('taint: expected a table');
    return base;
  }
  const input = raw as Record<string, unknown>;
  const result: TaintSettings = {
    ...base,
    sources: { ...base.sources },
    extraSources: [...base.extraSources],
    extraSanitizers: [...base.extraSanitizers],
  };
  if (input.unknownOrigin !== undefined) {
    if (typeof input.unknownOrigin === 'string' && unknownOrigins.has(input.unknownOrigin))
      result.unknownOrigin = input.unknownOrigin as UnknownOrigin;
    else problems.push('taint.unknownOrigin: expected one of report, hint, off');
  }
  if (input.sources !== undefined) {
    if (input.sources !== null && typeof input.sources === 'object' && !Array.isArray(input.sources)) {
      for (const [family, on] of Object.entries(input.sources as Record<string, unknown>)) {
        if ((sourceFamilies as readonly string[]).includes(family) && typeof on === 'boolean')
          result.sources[family as SourceFamily] = on;
        else
          problems.push(`taint.sources.${family}: expected one of ${sourceFamilies.join(', ')} set to true or false`);
      }
    } else problems.push('taint.sources: expected a table of source family = true/false');
  }
  for (const key of ['extraSources', 'extraSanitizers'] as const) {
    if (input[key] === undefined) continue;
    if (isStringList(input[key])) result[key].push(...input[key]);
    else problems.push(`taint.${key}: expected a list of qualified names`);
  }
  return result;
}

/**
 * What settings need to know of a rule: its id and the Bandit checks it covers (the catalog is passed in, never
 * imported here).
 */
export interface RuleIdentity {
  meta: { id: string; bandit: readonly string[] };
}

/** Our rule ids that `[tool.bandit] skips` turns off: rules whose every Bandit equivalent is skipped. */
export function rulesSkippedByBandit(rules: readonly RuleIdentity[], skips: readonly string[]): string[] {
  const skipped = new Set(skips.map((id) => id.toUpperCase()));
  return rules
    .filter((rule) => rule.meta.bandit.length > 0 && rule.meta.bandit.every((id) => skipped.has(id)))
    .map((rule) => rule.meta.id);
}

/** Our rule ids that `[tool.bandit] tests` leaves off: rules with Bandit equivalents of which none is listed. */
export function rulesOutsideBanditTests(rules: readonly RuleIdentity[], tests: readonly string[]): string[] {
  const wanted = new Set(tests.map((id) => id.toUpperCase()));
  return rules
    .filter((rule) => rule.meta.bandit.length > 0 && !rule.meta.bandit.some((id) => wanted.has(id)))
    .map((rule) => rule.meta.id);
}

/**
 * Applies Bandit's own `[tool.bandit]` table: `skips` turns off the rules whose every Bandit check
 * is skipped, `tests` keeps only rules that cover a listed check (rules without a Bandit
 * equivalent are left alone), and `exclude_dirs` become exclusion globs.
 */
export function mergeBanditSettings(
  base: AnalysisSettings,
  raw: unknown,
  rules: readonly RuleIdentity[],
  problems: string[] = [],
): AnalysisSettings {
  if (raw === undefined || raw === null) return base;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push('must be a table');
    return base;
  }
  const table = raw as Record<string, unknown>;
  const result: AnalysisSettings = { ...base, rules: { ...base.rules }, exclude: [...base.exclude] };
  const idList = (key: string): string[] | undefined => {
    const value = table[key];
    if (value === undefined) return undefined;
    if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value;
    problems.push(`${key}: expected a list of Bandit test ids such as "B602"`);
    return undefined;
  };
  const skips = idList('skips');
  const tests = idList('tests');
  const off = [
    ...(skips ? rulesSkippedByBandit(rules, skips) : []),
    ...(tests ? rulesOutsideBanditTests(rules, tests) : []),
  ];
  for (const id of off) result.rules[id] = 'off';
  // Rules covering several checks, some skipped or left out: their findings are told apart by check.
  if (skips || tests) {
    result.checks = {
      skip: [...(base.checks?.skip ?? []), ...(skips ?? []).map(normalizeCheckId)],
      ...(tests ? { only: tests.map(normalizeCheckId), onlyKeepsUnmapped: true } : {}),
    };
  }
  const excludeDirs = idList('exclude_dirs');
  for (const dir of excludeDirs ?? []) {
    const trimmed = dir.replace(/^\.\//, '').replace(/\/+$/, '');
    if (trimmed) result.exclude.push(`${trimmed}/**`, `**/${trimmed}/**`);
  }
  return result;
}

/**
 * Reads `[tool.python-security-guide]` (and `[tool.bandit]`, mapped onto `rules`) from a pyproject.toml. Throws
 * ConfigError with a clear message.
 */
export function readPyproject(
  file: string,
  rules: readonly RuleIdentity[],
  files: FileAccess,
  base: AnalysisSettings = defaultSettings,
): AnalysisSettings {
  let source: string;
  // Reading a FIFO or a device would block the server or the CLI forever.
  const stat = files.stat(file);
  if (stat && !stat.isFile) throw new ConfigError(`${file}: cannot read (not a regular file)`);
  try {
    source = files.readText(file);
  } catch (error) {
    throw new ConfigError(`${file}: cannot read (${(error as Error).message})`);
  }
  let document: Record<string, unknown>;
  try {
    document = parseToml(source);
  } catch (error) {
    throw new ConfigError(`${file}: invalid TOML: ${(error as Error).message.split('\n')[0]}`);
  }
  const tool = document.tool as Record<string, unknown> | undefined;
  const banditProblems: string[] = [];
  // Our own table goes on top: a rule set there wins over what [tool.bandit] implies.
  const fromBandit = mergeBanditSettings(base, tool?.bandit, rules, banditProblems);
  if (banditProblems.length) throw new ConfigError(`${file}: [tool.bandit] ${banditProblems.join('; ')}`);
  const problems: string[] = [];
  const settings = mergeSettings(fromBandit, tool?.['python-security-guide'], problems);
  if (problems.length) throw new ConfigError(`${file}: [tool.python-security-guide] ${problems.join('; ')}`);
  const ownRules = (tool?.['python-security-guide'] as { rules?: Record<string, unknown> } | undefined)?.rules;
  const kept = Object.entries(ownRules ?? {})
    .filter(([, value]) => value !== 'off')
    .map(([id]) => id.toUpperCase());
  if (fromBandit.checks && kept.length) settings.checks = { ...fromBandit.checks, keep: kept };
  return settings;
}

/** The nearest pyproject.toml at or above `start` (a file or folder), if any. */
export function findPyproject(
  start: string,
  files: FileAccess,
  /** What earlier lookups found, by folder (for files that do not change while it is kept: one scan). */
  nearest?: Map<string, string | undefined>,
): string | undefined {
  let dir = files.stat(start)?.isDirectory ? start : files.dirname(start);
  const visited: string[] = [];
  let found: string | undefined;
  for (;;) {
    if (nearest?.has(dir)) {
      found = nearest.get(dir);
      break;
    }
    visited.push(dir);
    const candidate = files.join(dir, 'pyproject.toml');
    if (files.stat(candidate)) {
      found = candidate;
      break;
    }
    const parent = files.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  if (nearest) for (const folder of visited) nearest.set(folder, found);
  return found;
}

/**
 * The `pythonSecurityGuide` section of the editor's settings as overrides for mergeSettings.
 * The editor's defaults (`sql.paramstyle: "auto"`, no threshold) mean "not chosen" and leave
 * what pyproject.toml says in force.
 */
export function editorOverrides(
  section: Record<string, unknown> | undefined | null,
): Record<string, unknown> | undefined {
  if (!section) return undefined;
  const sql = section.sql as Record<string, unknown> | undefined;
  const paramstyle = sql?.paramstyle === 'auto' ? undefined : sql?.paramstyle;
  const fix = section.fix as Record<string, unknown> | undefined;
  // false is the editor's default: it leaves pyproject.toml's `unsafe-fixes` in force.
  const unsafeFixes = fix?.unsafe === true ? true : undefined;
  return {
    rules: section.rules,
    exclude: section.exclude,
    paramstyle,
    severityThreshold: section.severityThreshold,
    taint: editorTaint(section.taint),
    advisories: (section.dependencies as Record<string, unknown> | undefined)?.advisories,
    unsafeFixes,
    // null is the editor's default: pyproject.toml's `confidence` stays in force.
    confidence: section.confidence ?? undefined,
    lowConfidence: section.lowConfidence,
  };
}

/** The editor's taint settings without its defaults (`report`, every source on), so pyproject.toml's stay in force. */
function editorTaint(raw: unknown): Record<string, unknown> | undefined {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const taint = raw as Record<string, unknown>;
  const sources =
    taint.sources && typeof taint.sources === 'object' && !Array.isArray(taint.sources)
      ? Object.fromEntries(Object.entries(taint.sources as Record<string, unknown>).filter(([, on]) => on !== true))
      : taint.sources;
  return {
    unknownOrigin: taint.unknownOrigin === 'report' ? undefined : taint.unknownOrigin,
    sources,
    extraSources: taint.extraSources,
    extraSanitizers: taint.extraSanitizers,
  };
}
