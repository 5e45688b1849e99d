import type { LineIndex } from '../core/text';
import type { Finding } from '../ruleApi/types';
import { catalog } from '../rules';
import type { Severity } from '../ruleApi/types';
import { manifestKind } from '../packaging/manifests';
import {
  MAX_SUMMARY_FINDINGS,
  type ScanState,
  type SummaryFinding,
  type WorkspaceSummary,
} from '../shared/workspaceSummary';
import { filePathOf } from './uris';

/** The findings whose range holds the position (ends included). */
export function findingsHolding<F extends SummaryFinding>(
  findings: readonly F[],
  line: number,
  character: number,
): F[] {
  const before = (a: { line: number; character: number }, b: { line: number; character: number }) =>
    a.line < b.line || (a.line === b.line && a.character <= b.character);
  return findings.filter(
    (finding) => before(finding.range.start, { line, character }) && before({ line, character }, finding.range.end),
  );
}

/** A finding as the workspace summary and hover show it: positions as lines and characters. */
export function toSummaryFinding(uri: string, finding: Finding, lines: LineIndex): SummaryFinding {
  return {
    uri,
    ruleId: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    range: { start: lines.position(finding.start), end: lines.position(finding.end) },
  };
}

/** What the workspace knows about one Python file or notebook. */
export interface FileEntry {
  findings: SummaryFinding[];
  modules: string[];
  /** Analysed from the editor's buffer (the session publishes its diagnostics), not from disk. */
  open: boolean;
  /** Inside a workspace folder and not excluded: counts in the summary. */
  inWorkspace: boolean;
}

const isPythonUri = (uri: string) => /\.(?:pyw?|ipynb)$/i.test(uri);

/** The summary the checklist and the status bar show, from what the workspace knows of each file. */
export function summarize(entries: ReadonlyMap<string, FileEntry>, state: ScanState): WorkspaceSummary {
  const counts: Record<string, number> = {};
  const bySeverity: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  const modules = new Set<string>();
  const findings: SummaryFinding[] = [];
  let pythonFiles = 0;
  let dependencyManifests = 0;
  let total = 0;
  const uris = [...entries.keys()].sort();
  for (const uri of uris) {
    const entry = entries.get(uri)!;
    if (!entry.inWorkspace) continue;
    if (isPythonUri(uri)) pythonFiles++;
    else if (manifestKind(filePathOf(uri) ?? uri)) dependencyManifests++;
    for (const module of entry.modules) modules.add(module);
    for (const finding of entry.findings) {
      counts[finding.ruleId] = (counts[finding.ruleId] ?? 0) + 1;
      bySeverity[finding.severity]++;
      total++;
      if (findings.length < MAX_SUMMARY_FINDINGS) findings.push(finding);
    }
  }
  return {
    state: state,
    pythonFiles,
    modules: [...modules].sort(),
    counts,
    bySeverity,
    findings,
    truncated: total > findings.length,
    // Every manifest the scan read went through the dependency audit (the checklist's "audited" item).
    dependencyManifests,
    rules: catalog.map((rule) => ({
      id: rule.meta.id,
      title: rule.meta.title,
      checklistItem: rule.meta.checklistItem,
      cwe: rule.meta.cwe,
    })),
  };
}
