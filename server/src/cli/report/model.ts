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
  flow?: ({ line: number; column: number; endLine: number; endColumn: number; message: string } & InNotebook)[];
  /** In a Jupyter notebook: the cell (counting every cell from 1); `line` and `column` are then in the cell. */
  cell?: number;
  /** In a notebook: where the finding's text is in the .ipynb file itself (what SARIF reports). */
  inFile?: Region;
}

interface Region {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** A flow step in a notebook: its cell and where it is in the file, like the finding's. */
interface InNotebook {
  cell?: number;
  inFile?: Region;
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
