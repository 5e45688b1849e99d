import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type { ReportedFinding } from './report/model';

/**
 * The folder report paths are relative to: the repository (the nearest folder with `.git`)
 * holding every scanned path, else the deepest folder holding them all. A baseline written in one
 * checkout matches in another, and SARIF paths never climb out with `../`.
 */
export function projectRoot(paths: readonly string[]): string {
  const folders = paths.map((p) => {
    try {
      return fs.statSync(p).isDirectory() ? p : path.dirname(p);
    } catch {
      return path.dirname(p);
    }
  });
  let common = folders[0];
  for (const folder of folders.slice(1)) {
    while (common !== folder && !folder.startsWith(common.endsWith(path.sep) ? common : common + path.sep))
      common = path.dirname(common);
  }
  for (let dir = common; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) return common;
  }
}

/** `file` relative to `root`, with `/` whatever the platform. */
export function rootRelative(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/') || path.basename(file);
}

/** Runs of whitespace count as one space: re-indenting or re-wrapping code keeps its fingerprint. */
const normalized = (text: string) => text.replace(/\s+/g, ' ').trim();

/** At most this much of a finding's own text goes into its fingerprint. */
const FINGERPRINTED_CHARACTERS = 400;

/**
 * A fingerprint of the code a finding is on: the rule, the finding's line and the finding's own
 * text, whitespace-normalized. Line numbers are not part of it, so code moving up or down (lines
 * added above it, a function moved) keeps it; changing the code itself makes a new finding.
 */
export function fingerprint(ruleId: string, lineText: string, findingText: string): string {
  return createHash('sha256')
    .update(`${ruleId}\0${normalized(lineText)}\0${normalized(findingText.slice(0, FINGERPRINTED_CHARACTERS))}`)
    .digest('hex')
    .slice(0, 32);
}

const keyOf = (finding: { ruleId: string; path: string; fingerprint: string }) =>
  `${finding.ruleId}\0${finding.path}\0${finding.fingerprint}`;

/** Findings of a baseline counted by rule, file and fingerprint. */
export type Baseline = Map<string, number>;

export class BaselineError extends Error {}

/**
 * Reads a baseline: a JSON report of ours (`--write-baseline` or `--format json`), whose findings
 * carry `ruleId`, `path` and `fingerprint`. Throws BaselineError naming the file and the problem.
 */
export function readBaseline(file: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = error instanceof SyntaxError ? 'not JSON' : ((error as NodeJS.ErrnoException).code ?? String(error));
    throw new BaselineError(`${file}: cannot read the baseline (${reason})`);
  }
  const findings = (data as { findings?: unknown } | null)?.findings;
  if (!Array.isArray(findings)) throw new BaselineError(`${file}: not a baseline (no "findings" list)`);
  const baseline: Baseline = new Map();
  findings.forEach((entry: unknown, i) => {
    const finding = entry as Record<string, unknown> | null;
    if (
      typeof finding?.ruleId !== 'string' ||
      typeof finding.path !== 'string' ||
      typeof finding.fingerprint !== 'string'
    )
      throw new BaselineError(
        `${file}: finding ${i + 1} has no ruleId, path and fingerprint (write the baseline with --write-baseline)`,
      );
    const key = keyOf(finding as { ruleId: string; path: string; fingerprint: string });
    baseline.set(key, (baseline.get(key) ?? 0) + 1);
  });
  return baseline;
}

/**
 * The findings the baseline does not account for. Each baseline entry accounts for one finding
 * only: two findings with the same rule, file and fingerprint need two entries, so a copy of
 * accepted code is reported as new.
 */
export function newFindings(
  findings: readonly ReportedFinding[],
  baseline: Baseline,
): { fresh: ReportedFinding[]; known: number } {
  const left = new Map(baseline);
  const fresh: ReportedFinding[] = [];
  let known = 0;
  for (const reported of findings) {
    const key = keyOf({ ruleId: reported.finding.ruleId, path: reported.path, fingerprint: reported.fingerprint });
    const count = left.get(key) ?? 0;
    if (count > 0) {
      left.set(key, count - 1);
      known++;
    } else fresh.push(reported);
  }
  return { fresh, known };
}
