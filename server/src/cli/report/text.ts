import { rulesById } from '../../rules';
import type { ScanReport } from './model';
import { isAutomaticFix } from '../../fixes/fix';

export function textReport(report: ScanReport): string {
  const lines: string[] = [];
  for (const { file, line, column, finding, cell } of report.findings) {
    // A low-confidence finding's fix is never applied by --fix: it is there to review.
    const kind =
      finding.confidence === 'low' ? 'fix to review' : finding.fix?.applicability === 'unsafe' ? 'unsafe fix' : 'fix';
    const fix = finding.fix ? `[${kind}: ${finding.fix.title}]` : finding.fixUnavailable ? '[no automatic fix]' : '';
    lines.push(
      `${file}:${cell ? `cell ${cell}:` : ''}${line}:${column}: ${finding.ruleId} ${finding.severity} (${finding.confidence} confidence) ${finding.message} ${fix}`.trimEnd(),
    );
  }
  for (const { file, reason } of report.skipped) lines.push(`${file}: skipped: ${reason}`);
  for (const { file, reason } of report.errors) lines.push(`${file}: error: ${reason}`);
  for (const { file, count } of report.fixed) lines.push(`${file}: applied ${count} fix${count === 1 ? '' : 'es'}`);
  const byRule = new Map<string, { count: number; fixable: number }>();
  for (const { finding } of report.findings) {
    const entry = byRule.get(finding.ruleId) ?? { count: 0, fixable: 0 };
    entry.count++;
    if (isAutomaticFix(finding, { unsafe: report.unsafeFixes ?? false })) entry.fixable++;
    byRule.set(finding.ruleId, entry);
  }
  if (lines.length) lines.push('');
  for (const [ruleId, { count, fixable }] of [...byRule].sort()) {
    const title = rulesById.get(ruleId)?.meta.title ?? ruleId;
    lines.push(`${ruleId} ${title}: ${count} finding${count === 1 ? '' : 's'}, ${fixable} with an automatic fix`);
  }
  const fixable = report.findings.filter((f) =>
    isAutomaticFix(f.finding, { unsafe: report.unsafeFixes ?? false }),
  ).length;
  const unsafe = report.unsafeFixes
    ? 0
    : report.findings.filter((f) => isAutomaticFix(f.finding, { unsafe: true })).length - fixable;
  const more = unsafe ? `, ${unsafe} more with --unsafe-fixes` : '';
  lines.push(
    `${report.findings.length} finding${report.findings.length === 1 ? '' : 's'} in ${report.filesScanned} file${report.filesScanned === 1 ? '' : 's'} (${fixable} fixable with --fix${more})${report.skipped.length ? `, ${report.skipped.length} skipped` : ''}`,
  );
  return `${lines.join('\n')}\n`;
}

export function jsonReport(report: ScanReport): string {
  return `${JSON.stringify(
    {
      filesScanned: report.filesScanned,
      findings: report.findings.map(({ file, line, column, endLine, endColumn, finding, flow, cell, inFile }) => ({
        file,
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
      })),
      skipped: report.skipped,
      errors: report.errors,
      fixed: report.fixed,
    },
    null,
    2,
  )}\n`;
}
