import * as path from 'path';
import { pathToFileURL } from 'url';
import type { CodeFlow, Log, ReportingDescriptor, Result } from 'sarif';
import { ruleDocs, codeOf } from '../../docs/ruleDocs';
import { ruleDocumentationUri } from '../../docs/location';
import { catalog } from '../../rules';
import type { Severity } from '../../ruleApi/types';
import type { ScanReport } from './model';

const levels: Record<Severity, Result.level> = {
  error: 'error',
  warning: 'warning',
  information: 'note',
  hint: 'note',
};
/** GitHub code scanning reads `security-severity` as a CVSS-like score. */
const securitySeverity: Record<Severity, string> = { error: '8.0', warning: '5.5', information: '3.0', hint: '1.0' };

const artifactOf = (file: string) => ({
  uri: file.split(path.sep).map(encodeURIComponent).join('/'),
  uriBaseId: '%SRCROOT%',
});

const regionOf = (at: { line: number; column: number; endLine: number; endColumn: number }) => ({
  startLine: at.line,
  startColumn: at.column,
  endLine: at.endLine,
  endColumn: at.endColumn,
});

/** A tainted flow as one SARIF thread flow: the source, each step, the sink. */
function codeFlow(file: string, flow: NonNullable<ScanReport['findings'][number]['flow']>): CodeFlow {
  return {
    threadFlows: [
      {
        locations: flow.map((step) => ({
          location: {
            physicalLocation: { artifactLocation: artifactOf(file), region: regionOf(step.inFile ?? step) },
            message: { text: step.message },
            ...(step.cell ? { properties: { cell: step.cell, cellLine: step.line, cellColumn: step.column } } : {}),
          },
        })),
      },
    ],
  };
}

export function sarifReport(report: ScanReport, version: string, root: string): string {
  const rules: ReportingDescriptor[] = catalog.map(({ meta }) => {
    const docs = ruleDocs(meta.id);
    return {
      id: meta.id,
      name: meta.name,
      shortDescription: { text: meta.title },
      fullDescription: { text: docs?.whatItDoes.replace(/`/g, '') ?? meta.title },
      help: docs
        ? {
            text: `${docs.whyIsThisBad}\n\nUse instead:\n${codeOf(docs.useInstead)}`,
            markdown: `${docs.whyIsThisBad}\n\n**Use instead**\n\n${docs.useInstead}`,
          }
        : undefined,
      helpUri: ruleDocumentationUri(meta.id),
      defaultConfiguration: { level: levels[meta.defaultSeverity] },
      properties: {
        tags: ['security', `CWE-${meta.cwe}`, meta.owasp],
        'security-severity': securitySeverity[meta.defaultSeverity],
        precision: 'high',
      },
    };
  });
  const index = new Map(rules.map((rule, i) => [rule.id, i]));
  const results: Result[] = report.findings.map(
    ({ file, line, column, endLine, endColumn, finding, flow, cell, inFile }) => ({
      ruleId: finding.ruleId,
      ruleIndex: index.get(finding.ruleId),
      level: levels[finding.severity],
      message: { text: finding.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: file.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' },
            region: regionOf(inFile ?? { line, column, endLine, endColumn }),
          },
        },
      ],
      properties: {
        confidence: finding.confidence,
        fixAvailable: Boolean(finding.fix),
        ...(finding.fix ? { fixApplicability: finding.fix.applicability } : {}),
        // In a notebook the region is in the .ipynb file; the cell and the position in it are here.
        ...(cell ? { cell, cellLine: line, cellColumn: column } : {}),
      },
      ...(flow?.length ? { codeFlows: [codeFlow(file, flow)] } : {}),
    }),
  );
  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Python Security Guide',
            version,
            semanticVersion: version,
            informationUri: pathToFileURL(path.join(__dirname, '..', 'README.md')).toString(),
            rules,
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(root + path.sep).toString() } },
        columnKind: 'utf16CodeUnits',
        results,
        invocations: [
          {
            executionSuccessful: report.errors.length === 0,
            toolExecutionNotifications: [...report.skipped, ...report.errors].map(({ file, reason }) => ({
              level: 'warning',
              message: { text: `${file}: ${reason}` },
            })),
          },
        ],
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
