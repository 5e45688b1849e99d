import type { Finding } from '../../ruleApi/types';

/** One file's results as the reporters see them: positions already 1-based. */
export interface ReportedFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  finding: Finding;
  /** The finding's flow (source first), positioned like the finding. */
  flow?: { line: number; column: number; endLine: number; endColumn: number; message: string }[];
}

export interface ScanReport {
  findings: ReportedFinding[];
  skipped: { file: string; reason: string }[];
  errors: { file: string; reason: string }[];
  filesScanned: number;
  fixed: { file: string; count: number }[];
  /** Whether --fix applies unsafe fixes too (what counts as fixable with --fix). */
  unsafeFixes?: boolean;
}
