import type { AnalysisSettings } from '../config/settings';
import type { RuleError } from '../engine/engine';
import type { Finding } from '../rules/types';
import type { FixOutcome, Scanner } from './scanner';

/** One file's work, as plain data so it can cross to a worker thread. */
export interface ScanJob {
  text: string;
  settings: AnalysisSettings;
  /** Also apply every safe fix (for --fix and --diff) when some finding has one. */
  fix: boolean;
}

export interface ScanJobResult {
  findings: Finding[];
  ruleErrors: RuleError[];
  fix?: FixOutcome;
}

export function runScanJob(scanner: Scanner, job: ScanJob): ScanJobResult {
  const result = scanner.analyzeText(job.text, job.settings);
  if (job.fix && result.findings.some((finding) => finding.fix)) return { ...result, fix: scanner.fixText(job.text, job.settings) };
  return result;
}
