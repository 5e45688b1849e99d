import type { Finding } from '../../ruleApi/types';

/** One file's results as the reporters see them: positions already 1-based. */
export interface ReportedFinding {
  /** Relative to the current folder, as the user named it. */
  file: string;
  /** Relative to the project root (see `projectRoot`), with `/`: what baselines and SARIF use. */
  path: string;
  /** Of the code the finding is on, not of its line number (see `fingerprint`). */
  fingerprint: string;
  /** The text of the finding's first line, shown under the finding in the text report. */
  lineText: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  finding: Finding;
  /**
   * The finding's flow (source first), positioned like the finding; a step in another file of the workspace names it
   * (`file` relative to the current folder, `path` to the project root).
   */
  flow?: ({
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
    message: string;
    file?: string;
    path?: string;
  } & InNotebook)[];
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
  /** Findings the baseline accounted for (not in `findings`), with --baseline. */
  baselined?: number;
}
