import { ProtocolNotificationType, ProtocolRequestType0 } from 'vscode-languageserver-protocol';
import type { ChecklistItemId } from './checklistItems';
import type { Severity } from './severity';

/**
 * Messages between the extension and its language server beyond LSP itself: the server's summary
 * of the whole workspace's findings (which feeds the checklist view and the status bar) and the
 * client's request to scan the workspace again. Both sides import this module.
 */

/** What the checklist needs to know about a rule, sent with every summary. */
export interface SummaryRule {
  id: string;
  title: string;
  checklistItem: ChecklistItemId;
  cwe: number;
}

export interface SummaryPosition {
  line: number;
  character: number;
}

export interface SummaryFinding {
  /** file: URI of the file; for a notebook open in the editor, the URI of its cell. */
  uri: string;
  ruleId: string;
  severity: Severity;
  message: string;
  /** In a notebook's cell when `cell` is set. */
  range: { start: SummaryPosition; end: SummaryPosition };
  /** In a notebook read from disk: the cell (counting every cell from 1) that `range` is in. */
  cell?: number;
}

export type ScanState = 'scanning' | 'complete' | 'cancelled';

export interface WorkspaceSummary {
  /** `scanning` while the first pass over the workspace runs; `cancelled` when it was stopped. */
  state: ScanState;
  /** Python files and notebooks found in the workspace folders (open or not), after exclusions. */
  pythonFiles: number;
  /** Modules imported anywhere in those files, sorted: tells whether the workspace has web, database, ... code. */
  modules: string[];
  /** Finding count per rule id, over every file. */
  counts: Record<string, number>;
  /** Finding count per severity, over every file. */
  bySeverity: Record<Severity, number>;
  /** The findings themselves, in file and position order, at most MAX_SUMMARY_FINDINGS of them. */
  findings: SummaryFinding[];
  /** True when `findings` was cut short (the counts are still complete). */
  truncated: boolean;
  rules: SummaryRule[];
  /** Dependency manifests and lock files the scan checked; undefined when the server does not count them. */
  dependencyManifests?: number;
  /** The date of the advisory data they were checked against (YYYY-MM-DD). */
  advisoriesDate?: string;
}

export const MAX_SUMMARY_FINDINGS = 5000;

export const WorkspaceSummaryNotification = new ProtocolNotificationType<WorkspaceSummary, void>(
  'pythonSecurityGuide/workspaceSummary',
);

/** Starts a new scan of every workspace folder; answers once it has started. */
export const RescanWorkspaceRequest = new ProtocolRequestType0<void, never, void, void>(
  'pythonSecurityGuide/rescanWorkspace',
);

/**
 * Sent once a version's diagnostics are final: its tree is a fresh parse's and its fixes are
 * checked. Large documents publish findings at once and again after typing pauses (fixes checked,
 * a tree that recovered from syntax errors parsed afresh); clients that need the final list wait
 * for this.
 */
export const DiagnosticsCompleteNotification = new ProtocolNotificationType<{ uri: string; version: number }, void>(
  'pythonSecurityGuide/diagnosticsComplete',
);
