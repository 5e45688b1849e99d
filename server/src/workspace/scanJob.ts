import type { AnalysisSettings } from '../config/settings';
import type { RuleError } from '../engine/engine';
import type { Finding } from '../ruleApi/types';
import type { SummaryFinding } from '../shared/workspaceSummary';
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
  /** Also tell the libraries the file imports (`ScanJobResult.modules`). */
  modules?: boolean;
  /** The source is a Jupyter notebook's JSON: its Python cells are analysed (`ScanJobResult.cells`), fixes not applied. */
  notebook?: boolean;
}

/** The folders a scan covers and what it excludes: where the modules of the scanned files are found. */
export interface ScanWorkspace {
  roots: string[];
  exclude: string[];
}

/** A notebook's finding placed in its cell (`cell` counts every cell from 1), as the workspace summary shows it. */
export type NotebookCellFinding = Omit<SummaryFinding, 'uri'> & { cell: number };

export interface ScanJobResult {
  /** Empty for a notebook: its findings come placed in their cells (`cells`). */
  findings: Finding[];
  ruleErrors: RuleError[];
  fix?: FixOutcome;
  /** Other files the analysis read (path → text hash): the results hold while they do not change. */
  moduleReads?: [string, string][];
  /** With `modules` asked for: the libraries the file imports. */
  modules?: string[];
  /** For a notebook: its findings placed in their cells. */
  cells?: NotebookCellFinding[];
  /** Why the file was not analysed (a notebook without Python code, or that cannot be read). */
  skipped?: string;
}

/** What a worker is sent with each job: the open texts that changed since its last job ([path, null]: closed). */
export interface WorkerMessage {
  id: number;
  job: ScanJob;
  open?: [string, string | null][];
  changed?: string[];
}

/** Applies what a job's message says changed to the texts of a thread's analyses; the files changed. */
export function applyOpenTexts(
  openTexts: Map<string, string>,
  message: Pick<WorkerMessage, 'open' | 'changed'>,
): string[] {
  for (const [file, text] of message.open ?? []) {
    if (text === null) openTexts.delete(file);
    else openTexts.set(file, text);
  }
  return [...(message.open ?? []).map(([file]) => file), ...(message.changed ?? [])];
}

export function runScanJob(scanner: Scanner, job: ScanJob): ScanJobResult {
  const text = decodeText(job.source);
  scanner.useWorkspace(job.workspace);
  if (job.notebook) return scanner.analyzeNotebookText(text, job.settings, job.file);
  const { findings, ruleErrors, moduleReads, modules } = scanner.analyzeText(text, job.settings, undefined, job.file, {
    modules: job.modules,
  });
  const result: ScanJobResult = {
    findings,
    ruleErrors,
    ...(moduleReads?.size ? { moduleReads: [...moduleReads] } : {}),
    ...(modules ? { modules } : {}),
  };
  if (job.fix && findings.some((finding) => isAutomaticFix(finding, { unsafe: job.settings.unsafeFixes })))
    return { ...result, fix: scanner.fixText(text, job.settings, job.file) };
  return result;
}
