// Runs the paired corpus through the command line's scan (the engine, rules and settings a user's
// `python-security-guide scan` gets, cross-file analysis included once the scan has it), one
// temporary folder per half, and scores each half.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { scan } from '../../server/src/cli/main';
import { allRules } from '../../server/src/rules';
import { DEFAULT_MAX_FILE_BYTES } from '../../server/src/workspace/files';
import {
  type CaseHalf,
  type Half,
  type Pair,
  type SinkKind,
  type Trick,
  expandHalf,
  halfId,
  ruleOfKind,
  sinkKinds,
  tricks,
} from './model';

/**
 * What happened to one half. A vulnerable half is `found` when the expected rule reports the sink
 * line at high or medium confidence; a safe half is a `false-positive` when it does. Findings at low
 * confidence (value of unknown origin) count for neither and are tallied apart. `unmeasured` is a
 * safe half whose rule does not exist yet.
 */
export type Outcome = 'found' | 'missed' | 'clean' | 'false-positive' | 'unmeasured';

export interface HalfResult {
  id: string;
  pair: Pair;
  half: Half;
  rule: string;
  outcome: Outcome;
  /** The rule reported the sink line at low confidence only. */
  lowOnly: boolean;
  /** Why a half is wrong or unmeasured, in a few words. */
  detail?: string;
  /** The scan's own errors (a file that failed to analyse, a rule that threw). */
  errors: string[];
}

export const correct = (result: HalfResult): boolean => isRight(result.outcome);

function isRight(outcome: Outcome): boolean {
  return outcome === 'found' || outcome === 'clean';
}

interface JsonFinding {
  file: string;
  line: number;
  ruleId: string;
  confidence: 'high' | 'medium' | 'low';
}

interface JsonReport {
  findings: JsonFinding[];
  errors: { file: string; reason: string }[];
}

const presentRules = new Set(allRules.map((rule) => rule.meta.id));

export function rulePresent(kind: SinkKind): boolean {
  return presentRules.has(ruleOfKind[kind]);
}

async function scanFolder(folder: string): Promise<JsonReport> {
  let out = '';
  await scan(
    [folder],
    { format: 'json', exclude: [], maxFileSize: DEFAULT_MAX_FILE_BYTES, cache: false, jobs: 1 },
    { stdout: (text) => (out += text), cwd: folder },
  );
  return JSON.parse(out) as JsonReport;
}

function writeCase(folder: string, half: CaseHalf): void {
  for (const [file, text] of Object.entries(half.files)) {
    const target = path.join(folder, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
  }
}

/** Scans one half in a folder of its own and scores it. */
export async function runHalf(pair: Pair, half: Half, root: string): Promise<HalfResult> {
  const expanded = expandHalf(pair, half);
  const rule = ruleOfKind[pair.kind];
  const folder = fs.mkdtempSync(path.join(root, 'case-'));
  try {
    writeCase(folder, expanded);
    const report = await scanFolder(folder);
    const sinkFile = expanded.sink.file.split(path.sep).join('/');
    const onSink = report.findings.filter(
      (finding) =>
        finding.ruleId === rule &&
        finding.file.split(path.sep).join('/') === sinkFile &&
        finding.line === expanded.sink.line,
    );
    const counted = onSink.filter((finding) => finding.confidence !== 'low');
    const lowOnly = counted.length === 0 && onSink.length > 0;
    const errors = report.errors.map((error) => `${error.file}: ${error.reason}`);
    const base = { id: halfId(pair, half), pair, half, rule, lowOnly, errors };
    if (!presentRules.has(rule))
      return half === 'vulnerable'
        ? { ...base, outcome: 'missed', detail: 'rule not present' }
        : { ...base, outcome: 'unmeasured', detail: 'rule not present' };
    if (half === 'vulnerable')
      return counted.length
        ? { ...base, outcome: 'found' }
        : { ...base, outcome: 'missed', detail: lowOnly ? 'reported at low confidence only' : 'not reported' };
    return counted.length
      ? { ...base, outcome: 'false-positive', detail: `reported at ${counted.map((f) => f.confidence).join('/')}` }
      : { ...base, outcome: 'clean' };
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

/** Scans both halves of every pair, in order. */
export async function runCorpus(
  pairs: readonly Pair[],
  progress?: (done: number, total: number) => void,
): Promise<HalfResult[]> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'psg-dataflow-'));
  const results: HalfResult[] = [];
  try {
    for (const pair of pairs) {
      for (const half of ['vulnerable', 'safe'] as const) results.push(await runHalf(pair, half, root));
      progress?.(results.length / 2, pairs.length);
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
  return results;
}

// ---- rates

export interface Tally {
  pairs: number;
  /** Vulnerable halves found at high or medium confidence, and those reported at low only. */
  found: number;
  foundLow: number;
  /** Safe halves whose rule exists, those reported at high or medium, and those at low only. */
  measuredSafe: number;
  falsePositives: number;
  safeLow: number;
  /** Halves scored right (found or clean), and halves scored at all (unmeasured safe halves left out). */
  right: number;
  scored: number;
}

function tally(results: readonly HalfResult[]): Tally {
  const t: Tally = {
    pairs: 0,
    found: 0,
    foundLow: 0,
    measuredSafe: 0,
    falsePositives: 0,
    safeLow: 0,
    right: 0,
    scored: 0,
  };
  for (const r of results) {
    if (r.half === 'vulnerable') {
      t.pairs++;
      if (r.outcome === 'found') t.found++;
      else if (r.lowOnly) t.foundLow++;
    } else if (r.outcome !== 'unmeasured') {
      t.measuredSafe++;
      if (r.outcome === 'false-positive') t.falsePositives++;
      else if (r.lowOnly) t.safeLow++;
    }
    if (r.outcome !== 'unmeasured') {
      t.scored++;
      if (correct(r)) t.right++;
    }
  }
  return t;
}

export interface Summary {
  overall: Tally;
  /** Kinds whose rule exists. */
  existing: Tally;
  byKind: { kind: SinkKind; rule: string; present: boolean; tally: Tally }[];
  byTrick: { trick: Trick; tally: Tally }[];
}

export function summarize(results: readonly HalfResult[]): Summary {
  return {
    overall: tally(results),
    existing: tally(results.filter((r) => rulePresent(r.pair.kind))),
    byKind: sinkKinds.map((kind) => ({
      kind,
      rule: ruleOfKind[kind],
      present: rulePresent(kind),
      tally: tally(results.filter((r) => r.pair.kind === kind)),
    })),
    byTrick: tricks.map((trick) => ({ trick, tally: tally(results.filter((r) => r.pair.trick === trick)) })),
  };
}

const percent = (part: number, whole: number) => (whole ? `${((100 * part) / whole).toFixed(1)} %` : '—');

export const tpr = (t: Tally): string => percent(t.found, t.pairs);
export const fpr = (t: Tally): string => percent(t.falsePositives, t.measuredSafe);

function row(cells: (string | number)[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** The halves as a recorded run scored them (those it recorded), for "before" columns. */
function asRecorded(results: readonly HalfResult[], recorded: Ratchet): HalfResult[] {
  return results
    .filter((r) => recorded[r.pair.name]?.[r.half])
    .map((r) => ({ ...r, outcome: recorded[r.pair.name][r.half], lowOnly: false, detail: undefined }));
}

/** What the "before" columns were measured on. */
export interface Before {
  outcomes: Ratchet;
  /** The commit, and why it is the one before. */
  description: string;
}

/** The report: the counting rules, the tables (with the recorded "before" beside today's), and every half scored wrong. */
export function markdownReport(results: readonly HalfResult[], command: string, before?: Before): string {
  const s = summarize(results);
  const then = before ? summarize(asRecorded(results, before.outcomes)) : undefined;
  const lines: string[] = [];
  const pairs = results.length / 2;
  lines.push('# Paired dataflow corpus');
  lines.push('');
  lines.push(
    `${pairs} small handlers, each written twice: once where request data reaches the sink on some path that runs,`,
    'once where it cannot, the two differing in one trick (a dead branch, an overwritten value, a container key, a',
    'guard, a sanitizer, a helper in another module...). The pairs are data in `test/dataflow/cases/`; each half is',
    'written to a folder of its own and scanned with the command line scan (`scan --format json --no-cache`).',
    '',
    `Re-measure with \`${command}\`.`,
    '',
    "**Counting.** A vulnerable half is *found* when the kind's rule reports the sink line at high or medium",
    'confidence (TPR = found / vulnerable halves). A safe half is a *false positive* when that rule reports the',
    'sink line at high or medium confidence (FPR = false positives / safe halves). Findings at low confidence',
    '(a value of unknown origin) count for neither and are listed in the *low* columns. A kind whose rule does not',
    'exist yet counts its vulnerable halves as misses and leaves its safe halves unmeasured.',
    '',
    '**What the labels mean.** *Vulnerable*: the request value reaches the sink on a path that runs, in the form',
    'the sink kind is about — shell metacharacters for shell commands (a value that starts with `-` and becomes an',
    'option is another weakness), the host for SSRF and redirects, CR/LF-capable text for response headers (current',
    'Werkzeug, Django and Starlette refuse CR/LF in header values at run time; the label follows CWE-113 as the',
    'rule does). *Safe*: no request data reaches the sink on any path (a dead branch, an overwrite on every path, a',
    'constant element of a container), or only in a form that cannot do harm there (an allow-listed constant, a',
    'number, a quoted or escaped value). Deserialization is reported by its rule on every load; its confidence',
    'tells request data (high) from the rest, so a safe half loads constants and counts only if reported above low.',
    'Pairs whose label needs an argument carry a `note` in their data.',
    '',
    '**Multi-file pairs.** The tricks `helper-module` and `user-sanitizer-module` put a helper, a sanitizer or the',
    'sink itself in another module of the case (`helpers.py`, `validators.py`, a package with `__init__.py`',
    're-exports or relative imports); the whole folder is scanned at once.',
    '',
    '**Not covered.** Sources other than request data (environment, files, the command line), asynchronous code',
    'beyond the aiohttp pairs, flows through template engines, and pairs that combine tricks. Most pairs come from',
    'templates (`test/dataflow/cases/templates.ts`) instantiated per sink kind with Flask, Django and FastAPI in',
    'turn, so they share a few handler shapes per kind: a rate says how the analysis does on these shapes.',
    '',
  );
  if (before && then)
    lines.push(
      `**Before.** The *before* columns are the outcomes recorded in \`test/dataflow/before.json\` on ${before.description}`,
      `(${then.overall.pairs} of the ${pairs} pairs were recorded there; the columns count those).`,
      '',
    );
  const beforeCells = (t: Tally | undefined, present = true) =>
    then ? [t ? tpr(t) : '—', t && present ? fpr(t) : '—'] : [];
  const beforeHeads = then ? ['TPR before', 'FPR before'] : [];
  const beforeAligns = then ? ['---:', '---:'] : [];
  lines.push('## Per sink kind', '');
  lines.push(
    row([
      'kind',
      'rule',
      'pairs',
      'TPR',
      'FPR',
      ...beforeHeads,
      'vulnerable at low only',
      'safe at low',
      'halves right',
    ]),
  );
  lines.push(row(['---', '---', '---:', '---:', '---:', ...beforeAligns, '---:', '---:', '---:']));
  s.byKind.forEach(({ kind, rule, present, tally: t }, index) =>
    lines.push(
      row([
        kind,
        present ? rule : `${rule} (rule not present)`,
        t.pairs,
        tpr(t),
        present ? fpr(t) : '—',
        ...beforeCells(then?.byKind[index].tally, then?.byKind[index].present),
        t.foundLow,
        present ? t.safeLow : '—',
        percent(t.right, t.scored),
      ]),
    ),
  );
  const e = s.existing;
  const o = s.overall;
  lines.push(
    row([
      '**rules present**',
      '',
      e.pairs,
      tpr(e),
      fpr(e),
      ...beforeCells(then?.existing),
      e.foundLow,
      e.safeLow,
      percent(e.right, e.scored),
    ]),
    row([
      '**all**',
      '',
      o.pairs,
      tpr(o),
      fpr(o),
      ...beforeCells(then?.overall),
      o.foundLow,
      o.safeLow,
      percent(o.right, o.scored),
    ]),
    '',
  );
  lines.push('## Per trick', '');
  lines.push(
    row(['trick', 'pairs', 'TPR', 'FPR', ...beforeHeads, 'vulnerable at low only', 'safe at low', 'halves right']),
  );
  lines.push(row(['---', '---:', '---:', '---:', ...beforeAligns, '---:', '---:', '---:']));
  s.byTrick.forEach(({ trick, tally: t }, index) =>
    lines.push(
      row([
        trick,
        t.pairs,
        tpr(t),
        fpr(t),
        ...beforeCells(then?.byTrick[index].tally),
        t.foundLow,
        t.safeLow,
        percent(t.right, t.scored),
      ]),
    ),
  );
  lines.push('');
  const wrong = results.filter((r) => r.outcome === 'missed' || r.outcome === 'false-positive');
  const absent = wrong.filter((r) => r.detail === 'rule not present');
  const listed = wrong.filter((r) => r.detail !== 'rule not present');
  lines.push('## Halves scored wrong', '');
  lines.push(
    `${listed.length} halves of kinds whose rule exists, by kind and trick (${absent.length} more vulnerable halves`,
    'are misses because their rule does not exist yet).',
    '',
  );
  for (const kind of sinkKinds) {
    const ofKind = listed.filter((r) => r.pair.kind === kind);
    if (!ofKind.length) continue;
    lines.push(`### ${kind} (${ruleOfKind[kind]})`, '');
    for (const r of ofKind) lines.push(`- **${r.half}** ${r.pair.name} — ${r.outcome}: ${r.detail}`);
    lines.push('');
  }
  const errors = results.filter((r) => r.errors.length);
  if (errors.length) {
    lines.push('## Scan errors', '');
    for (const r of errors) lines.push(`- ${r.id}: ${r.errors.join('; ')}`);
    lines.push('');
  }
  return lines.join('\n');
}

/** The console table: TPR and FPR per kind and per trick, then the totals. */
export function consoleTable(results: readonly HalfResult[]): string {
  const s = summarize(results);
  const pad = (text: string | number, width: number) => String(text).padEnd(width);
  const lines = [
    `${pad('kind', 18)}${pad('rule', 8)}${pad('pairs', 7)}${pad('TPR', 9)}${pad('FPR', 9)}low(v/s)`,
    ...s.byKind.map(
      ({ kind, rule, present, tally: t }) =>
        `${pad(kind, 18)}${pad(rule, 8)}${pad(t.pairs, 7)}${pad(tpr(t), 9)}${pad(present ? fpr(t) : 'absent', 9)}${t.foundLow}/${t.safeLow}`,
    ),
    '',
    `${pad('trick', 26)}${pad('pairs', 7)}${pad('TPR', 9)}${pad('FPR', 9)}low(v/s)`,
    ...s.byTrick.map(
      ({ trick, tally: t }) =>
        `${pad(trick, 26)}${pad(t.pairs, 7)}${pad(tpr(t), 9)}${pad(fpr(t), 9)}${t.foundLow}/${t.safeLow}`,
    ),
    '',
    `rules present: TPR ${tpr(s.existing)}, FPR ${fpr(s.existing)}, halves right ${percent(s.existing.right, s.existing.scored)}`,
    `all kinds:     TPR ${tpr(s.overall)}, FPR ${fpr(s.overall)}, halves right ${percent(s.overall.right, s.overall.scored)}`,
  ];
  return lines.join('\n');
}

// ---- the ratchet: what each half scores today, so that any half that is right now stays right

export type Ratchet = Record<string, { vulnerable: Outcome; safe: Outcome }>;

export const ratchetFile = path.join(__dirname, 'ratchet.json');

export function ratchetOf(results: readonly HalfResult[]): Ratchet {
  const ratchet: Ratchet = {};
  for (const r of [...results].sort((a, b) => a.pair.name.localeCompare(b.pair.name))) {
    ratchet[r.pair.name] ??= { vulnerable: 'missed', safe: 'clean' };
    ratchet[r.pair.name][r.half] = r.outcome;
  }
  return ratchet;
}

export function readRatchet(file = ratchetFile): Ratchet {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Ratchet;
}

/** Writes outcomes as they are (a new ratchet, or the record of a run on an older commit). */
export function writeRatchet(results: readonly HalfResult[], file = ratchetFile): void {
  writeRatchetData(ratchetOf(results), file);
}

function writeRatchetData(ratchet: Ratchet, file: string): void {
  const sorted: Ratchet = {};
  for (const name of Object.keys(ratchet).sort((a, b) => a.localeCompare(b))) sorted[name] = ratchet[name];
  fs.writeFileSync(file, `${JSON.stringify(sorted, null, 2)}\n`);
}

/**
 * Moves the ratchet up only: a half takes today's outcome unless the ratchet records it right and it is wrong
 * today (then the ratchet keeps it, and the half is returned); pairs that are new come in, pairs that are gone go.
 */
export function tightenRatchet(
  results: readonly HalfResult[],
  ratchet: Ratchet,
  file = ratchetFile,
): { kept: HalfResult[] } {
  const next: Ratchet = {};
  const kept: HalfResult[] = [];
  for (const r of results) {
    const recorded = ratchet[r.pair.name]?.[r.half];
    next[r.pair.name] ??= { vulnerable: 'missed', safe: 'clean' };
    if (recorded && isRight(recorded) && !isRight(r.outcome)) {
      next[r.pair.name][r.half] = recorded;
      kept.push(r);
    } else next[r.pair.name][r.half] = r.outcome;
  }
  writeRatchetData(next, file);
  return { kept };
}

/** Outcomes on the last commit before the dataflow analysis, for the report's "before" columns. */
export const beforeFile = path.join(__dirname, 'before.json');

export interface RatchetComparison {
  /** Halves the ratchet records as right that are now wrong. */
  regressions: HalfResult[];
  /** Other differences: halves now right that were wrong, safe halves newly measured. */
  changes: HalfResult[];
  /** Pairs with no entry in the ratchet, and entries for pairs that no longer exist. */
  missing: string[];
  stale: string[];
}

export function compareWithRatchet(results: readonly HalfResult[], ratchet: Ratchet): RatchetComparison {
  const comparison: RatchetComparison = { regressions: [], changes: [], missing: [], stale: [] };
  const names = new Set(results.map((r) => r.pair.name));
  for (const name of Object.keys(ratchet)) if (!names.has(name)) comparison.stale.push(name);
  for (const r of results) {
    const recorded = ratchet[r.pair.name]?.[r.half];
    if (!recorded) {
      if (r.half === 'vulnerable') comparison.missing.push(r.pair.name);
      continue;
    }
    if (recorded === r.outcome) continue;
    if (isRight(recorded) && !isRight(r.outcome)) comparison.regressions.push(r);
    else comparison.changes.push(r);
  }
  return comparison;
}

export function describeRatchetChanges(comparison: RatchetComparison, ratchet: Ratchet): string[] {
  const lines: string[] = [];
  for (const r of comparison.regressions)
    lines.push(`REGRESSION ${r.id}: was ${ratchet[r.pair.name][r.half]}, now ${r.outcome} (${r.detail ?? ''})`);
  for (const r of comparison.changes)
    lines.push(`changed ${r.id}: was ${ratchet[r.pair.name]?.[r.half]}, now ${r.outcome}`);
  for (const name of comparison.missing) lines.push(`not in the ratchet: ${name}`);
  for (const name of comparison.stale) lines.push(`in the ratchet but not in the corpus: ${name}`);
  return lines;
}
