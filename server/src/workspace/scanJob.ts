import type { AnalysisSettings } from '../config/settings';
import type { RuleError } from '../engine/engine';
import type { Finding } from '../ruleApi/types';
import { isAutomaticFix } from '../fixes/fix';
import { decodeText } from './files';
import type { FixOutcome, Scanner } from './scanner';

/** One file's work, as plain data so it can cross to a worker thread. */
export interface ScanJob {
  /**
   * The file's bytes (as readSourceBytes gives them), decoded by the thread that analyses them: the
   * thread that plans a scan holds no text for files without findings.
   */
  source: Uint8Array;
  settings: AnalysisSettings;
  /** The file's path (rules that add imports read it). */
  file?: string;
  /** Also apply every automatic fix (for --fix and --diff) when some finding has one. */
  fix: boolean;
}

export interface ScanJobResult {
  findings: Finding[];
  ruleErrors: RuleError[];
  fix?: FixOutcome;
}

export function runScanJob(scanner: Scanner, job: ScanJob): ScanJobResult {
  const text = decodeText(job.source);
  const result = scanner.analyzeText(text, job.settings, undefined, job.file);
  if (job.fix && result.findings.some((finding) => isAutomaticFix(finding, { unsafe: job.settings.unsafeFixes })))
    return { ...result, fix: scanner.fixText(text, job.settings, job.file) };
  return result;
}
