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
  /** The workspace the file belongs to: calls into its other modules are followed (see workspace/modules.ts). */
  workspace?: ScanWorkspace;
}

/** The folders a scan covers and what it excludes: where the modules of the scanned files are found. */
export interface ScanWorkspace {
  roots: string[];
  exclude: string[];
}

export interface ScanJobResult {
  findings: Finding[];
  ruleErrors: RuleError[];
  fix?: FixOutcome;
  /** Other files the analysis read (path → text hash): the results hold while they do not change. */
  moduleReads?: [string, string][];
}

export function runScanJob(scanner: Scanner, job: ScanJob): ScanJobResult {
  const text = decodeText(job.source);
  scanner.useWorkspace(job.workspace);
  const { findings, ruleErrors, moduleReads } = scanner.analyzeText(text, job.settings, undefined, job.file);
  const result: ScanJobResult = {
    findings,
    ruleErrors,
    ...(moduleReads?.size ? { moduleReads: [...moduleReads] } : {}),
  };
  if (job.fix && findings.some((finding) => isAutomaticFix(finding, { unsafe: job.settings.unsafeFixes })))
    return { ...result, fix: scanner.fixText(text, job.settings, job.file) };
  return result;
}
