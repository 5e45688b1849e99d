import * as path from 'path';
import { pathToFileURL } from 'url';
import type { CodeFlow, Log, ReportingDescriptor, ReportingDescriptorReference, Result, ToolComponent } from 'sarif';
import type { AdvisoryReference } from '../../core/types';
import { ruleDocs, codeOf } from '../../docs/ruleDocs';
import { ruleDocumentationUri } from '../../docs/location';
import { catalog } from '../../rules';
import type { RuleDocs, Severity } from '../../ruleApi/types';
import type { ScanReport } from './model';

/** The partialFingerprints key: the fingerprint of the code (see cli/baseline.ts) and its occurrence in the file. */
export const FINGERPRINT_KEY = 'pythonSecurityGuide/v1';
export const AUTOMATION_CATEGORY = 'python-security-guide';

const levels: Record<Severity, Result.level> = {
  error: 'error',
  warning: 'warning',
  information: 'note',
  hint: 'note',
};
/** GitHub code scanning reads `security-severity` as a CVSS-like score. */
const securitySeverity: Record<Severity, string> = { error: '8.0', warning: '5.5', information: '3.0', hint: '1.0' };

/** `file` is relative to the project root, with `/` (never `../`): GitHub maps it to the repository's file. */
const artifactOf = (file: string) => ({
  uri: file.split('/').map(encodeURIComponent).join('/'),
  uriBaseId: '%SRCROOT%',
});

/** The rule's documentation as Markdown, the way GitHub code scanning shows a rule's help. */
function helpMarkdown(docs: RuleDocs, helpUri: string | undefined): string {
  return [
    docs.whatItDoes,
    '## Why is this bad?',
    docs.whyIsThisBad,
    '## Example',
    docs.example,
    '## Use instead',
    docs.useInstead,
    '## References',
    ...docs.references.map((reference) => `- ${reference}`),
    ...(helpUri ? ['', `[Rule documentation](${helpUri})`] : []),
  ].join('\n\n');
}

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
            physicalLocation: {
              artifactLocation: artifactOf(step.path ?? file),
              region: regionOf(step.inFile ?? step),
            },
            message: { text: step.message },
            ...(step.cell ? { properties: { cell: step.cell, cellLine: step.line, cellColumn: step.column } } : {}),
          },
        })),
      },
    ],
  };
}

/** The taxonomy a dependency finding's advisories belong to: the results reference its taxa. */
const ADVISORY_TAXONOMY = 'PyPA advisory database';

/**
 * The advisories the results name, as the taxa of one taxonomy (SARIF's way of classifying a result
 * against an external catalogue, as CWE is): each once, in the order first named.
 */
class AdvisoryTaxa {
  private readonly taxa: ReportingDescriptor[] = [];
  private readonly index = new Map<string, number>();

  /** The references a result carries to its advisories. */
  referencesTo(advisories: readonly AdvisoryReference[]): ReportingDescriptorReference[] {
    return advisories.map((advisory) => {
      let at = this.index.get(advisory.id);
      if (at === undefined) {
        at = this.taxa.length;
        this.index.set(advisory.id, at);
        this.taxa.push({
          id: advisory.id,
          ...(advisory.summary ? { shortDescription: { text: advisory.summary } } : {}),
          helpUri: advisory.url,
          properties: { aliases: advisory.aliases },
        });
      }
      return { id: advisory.id, index: at, toolComponent: { name: ADVISORY_TAXONOMY, index: 0 } };
    });
  }

  /** `run.taxonomies`: empty when no result names an advisory. */
  taxonomies(): ToolComponent[] {
    if (!this.taxa.length) return [];
    return [
      {
        name: ADVISORY_TAXONOMY,
        organization: 'Python Packaging Authority',
        informationUri: 'https://github.com/pypa/advisory-database',
        taxa: this.taxa,
      },
    ];
  }
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
            markdown: helpMarkdown(docs, ruleDocumentationUri(meta.id)),
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
  // Identical code twice in a file gives the same fingerprint: the occurrence number tells them apart.
  const occurrences = new Map<string, number>();
  const advisoryTaxa = new AdvisoryTaxa();
  const results: Result[] = report.findings.map(
    ({ path: file, fingerprint, line, column, endLine, endColumn, finding, flow, cell, inFile }) => {
      const key = `${file}\0${fingerprint}`;
      const occurrence = (occurrences.get(key) ?? 0) + 1;
      occurrences.set(key, occurrence);
      return {
        ruleId: finding.ruleId,
        ruleIndex: index.get(finding.ruleId),
        level: levels[finding.severity],
        message: { text: finding.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: artifactOf(file),
              region: regionOf(inFile ?? { line, column, endLine, endColumn }),
            },
          },
        ],
        // GitHub matches alerts across runs by primaryLocationLineHash, an opaque value: ours hashes the code, not
        // the line number, so an alert survives lines moving above it.
        partialFingerprints: {
          primaryLocationLineHash: `${fingerprint}:${occurrence}`,
          [FINGERPRINT_KEY]: `${fingerprint}:${occurrence}`,
        },
        properties: {
          confidence: finding.confidence,
          fixAvailable: Boolean(finding.fix),
          ...(finding.fix ? { fixApplicability: finding.fix.applicability } : {}),
          // In a notebook the region is in the .ipynb file; the cell and the position in it are here.
          ...(cell ? { cell, cellLine: line, cellColumn: column } : {}),
          // A vulnerable dependency: the advisories by id (also in the message, for people).
          ...(finding.advisories?.length
            ? {
                advisories: finding.advisories.map(({ id, aliases, fixed, url }) => ({ id, aliases, fixed, url })),
              }
            : {}),
        },
        ...(finding.advisories?.length ? { taxa: advisoryTaxa.referencesTo(finding.advisories) } : {}),
        ...(flow?.length ? { codeFlows: [codeFlow(file, flow)] } : {}),
      };
    },
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
        // GitHub groups the alerts of one analysis by this category (upload-sarif's `category` replaces it).
        automationDetails: { id: `${AUTOMATION_CATEGORY}/` },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(root + path.sep).toString() } },
        columnKind: 'utf16CodeUnits',
        results,
        ...(advisoryTaxa.taxonomies().length ? { taxonomies: advisoryTaxa.taxonomies() } : {}),
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
