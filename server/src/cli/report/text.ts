import { rulesById } from '../../rules';
import type { ReportedFinding, ScanReport } from './model';
import { isAutomaticFix } from '../../fixes/fix';
import type { Severity } from '../../ruleApi/types';

export interface TextOptions {
  /** ANSI colours (the CLI turns them on for a terminal, off with NO_COLOR). */
  color: boolean;
  /** The findings only: no skipped files, no summary. */
  quiet?: boolean;
}

const ansi = { bold: '1', dim: '2', red: '31', yellow: '33', blue: '34', cyan: '36' } as const;
type Paint = (style: keyof typeof ansi, text: string) => string;
const painter =
  (color: boolean): Paint =>
  (style, text) =>
    color ? `\u001b[${ansi[style]}m${text}\u001b[0m` : text;

const severityStyle: Record<Severity, keyof typeof ansi> = {
  error: 'red',
  warning: 'yellow',
  information: 'blue',
  hint: 'dim',
};

/** Longest part of a line shown under a finding; longer lines are cut around the finding. */
const SHOWN_LINE = 160;

/**
 * The finding's line with a caret under the finding, like Ruff's default output. Tabs become
 * spaces so the caret stays under the code; a long line is cut to a window around the finding.
 */
function codeFrame(reported: ReportedFinding, paint: Paint): string[] {
  const raw = reported.lineText.replace(/\t/g, '    ');
  const tabsBefore = (reported.lineText.slice(0, reported.column - 1).match(/\t/g) ?? []).length;
  let column = reported.column - 1 + tabsBefore * 3;
  const lineEnd = reported.endLine === reported.line ? reported.endColumn - 1 : reported.lineText.length;
  const tabsIn = (reported.lineText.slice(reported.column - 1, lineEnd).match(/\t/g) ?? []).length;
  let width = Math.max(1, lineEnd - (reported.column - 1) + tabsIn * 3);
  let shown = raw;
  if (raw.length > SHOWN_LINE) {
    const from = Math.max(0, column - 40);
    shown = `${from > 0 ? '…' : ''}${raw.slice(from, from + SHOWN_LINE)}${from + SHOWN_LINE < raw.length ? '…' : ''}`;
    column = column - from + (from > 0 ? 1 : 0);
  }
  width = Math.max(1, Math.min(width, shown.length - column));
  const number = String(reported.line);
  const gutter = ' '.repeat(number.length);
  return [
    `${paint('blue', `${gutter} |`)}`,
    `${paint('blue', `${number} |`)} ${shown.trimEnd()}`,
    `${paint('blue', `${gutter} |`)} ${' '.repeat(column)}${paint(severityStyle[reported.finding.severity], '^'.repeat(width))}`,
  ];
}

function findingHeader(reported: ReportedFinding, paint: Paint): string {
  const { file, line, column, finding } = reported;
  // A low-confidence finding's fix is never applied by --fix: it is there to review.
  const kind =
    finding.confidence === 'low' ? 'fix to review' : finding.fix?.applicability === 'unsafe' ? 'unsafe fix' : 'fix';
  const fix = finding.fix ? `[${kind}: ${finding.fix.title}]` : finding.fixUnavailable ? '[no automatic fix]' : '';
  const cell = reported.cell ? `cell ${reported.cell}:` : '';
  const where = paint('bold', `${file}:${cell}${line}:${column}:`);
  const rule = paint(severityStyle[finding.severity], `${finding.ruleId} ${finding.severity}`);
  return `${where} ${rule} (${finding.confidence} confidence) ${finding.message} ${paint('cyan', fix)}`.trimEnd();
}

/** Findings grouped by file (in the order the files were scanned), each with its line and a caret under it. */
export function textReport(report: ScanReport, options: TextOptions = { color: false }): string {
  const paint = painter(options.color);
  const lines: string[] = [];
  const byFile = new Map<string, ReportedFinding[]>();
  for (const reported of report.findings) {
    const list = byFile.get(reported.file) ?? [];
    list.push(reported);
    byFile.set(reported.file, list);
  }
  for (const findings of byFile.values())
    for (const reported of findings) lines.push(findingHeader(reported, paint), ...codeFrame(reported, paint), '');
  if (!options.quiet) for (const { file, reason } of report.skipped) lines.push(`${file}: skipped: ${reason}`);
  for (const { file, reason } of report.errors) lines.push(`${file}: error: ${reason}`);
  if (options.quiet) return lines.length ? `${lines.join('\n').replace(/\n+$/, '')}\n` : '';
  for (const { file, count } of report.fixed) lines.push(`${file}: applied ${count} fix${count === 1 ? '' : 'es'}`);
  if (lines.length && lines[lines.length - 1] !== '') lines.push('');
  lines.push(...ruleCounts(report, paint), summary(report));
  return `${lines.join('\n')}\n`;
}

/** The number of findings of each rule, and the summary line (`--statistics`). */
export function statisticsReport(report: ScanReport, options: TextOptions = { color: false }): string {
  const paint = painter(options.color);
  const lines = [...ruleCounts(report, paint)];
  for (const { file, reason } of report.errors) lines.push(`${file}: error: ${reason}`);
  lines.push(summary(report));
  return `${lines.join('\n')}\n`;
}

function ruleCounts(report: ScanReport, paint: Paint): string[] {
  const byRule = new Map<string, { count: number; fixable: number }>();
  for (const { finding } of report.findings) {
    const entry = byRule.get(finding.ruleId) ?? { count: 0, fixable: 0 };
    entry.count++;
    if (isAutomaticFix(finding, { unsafe: report.unsafeFixes ?? false })) entry.fixable++;
    byRule.set(finding.ruleId, entry);
  }
  return [...byRule].sort().map(([ruleId, { count, fixable }]) => {
    const title = rulesById.get(ruleId)?.meta.title ?? ruleId;
    return `${paint('bold', ruleId)} ${title}: ${count} finding${count === 1 ? '' : 's'}, ${fixable} with an automatic fix`;
  });
}

function summary(report: ScanReport): string {
  const fixable = report.findings.filter((f) =>
    isAutomaticFix(f.finding, { unsafe: report.unsafeFixes ?? false }),
  ).length;
  const unsafe = report.unsafeFixes
    ? 0
    : report.findings.filter((f) => isAutomaticFix(f.finding, { unsafe: true })).length - fixable;
  const more = unsafe ? `, ${unsafe} more with --unsafe-fixes` : '';
  const count = report.findings.length;
  const found = report.baselined === undefined ? 'finding' : 'new finding';
  return `${count} ${found}${count === 1 ? '' : 's'} in ${report.filesScanned} file${report.filesScanned === 1 ? '' : 's'} (${fixable} fixable with --fix${more})${report.baselined ? `, ${report.baselined} in the baseline` : ''}${report.skipped.length ? `, ${report.skipped.length} skipped` : ''}`;
}

export function jsonReport(report: ScanReport): string {
  return `${JSON.stringify(
    {
      filesScanned: report.filesScanned,
      findings: report.findings.map(
        ({ file, path, fingerprint, line, column, endLine, endColumn, finding, flow, cell, inFile }) => ({
          file,
          path,
          fingerprint,
          ...(cell ? { cell, inFile } : {}),
          line,
          column,
          endLine,
          endColumn,
          ruleId: finding.ruleId,
          severity: finding.severity,
          confidence: finding.confidence,
          message: finding.message,
          fix: finding.fix
            ? { title: finding.fix.title, applicability: finding.fix.applicability, edits: finding.fix.edits }
            : null,
          fixUnavailable: finding.fixUnavailable ?? null,
          flow: flow ?? null,
        }),
      ),
      skipped: report.skipped,
      errors: report.errors,
      fixed: report.fixed,
      ...(report.baselined !== undefined ? { baselined: report.baselined } : {}),
    },
    null,
    2,
  )}\n`;
}
