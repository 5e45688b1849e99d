import type { ScanState } from '../workspaceSummary';
import { describeStatus, ItemState } from './status';

export interface ReportContext {
  workspaceName: string;
  generatedAt: Date;
  scanState: ScanState | undefined;
  /** Turns a finding's file URI (and its cell, in a notebook) into the path shown in the report (relative to the workspace). */
  displayPath: (uri: string, cell?: number) => string;
}

const marks: Record<ItemState['status']['kind'], string> = {
  passed: '✅',
  failing: '❌',
  'not-applicable': '➖',
  pending: '⏳',
  'no-rules': '❔',
  checked: '✅',
  unchecked: '⬜',
};

/** Markdown cells cannot hold `|` or line breaks. */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** The checklist with its statuses as a Markdown report, findings listed under the failing items. */
export function checklistMarkdown(
  states: readonly ItemState[],
  context: ReportContext,
  maxFindingsPerItem = 50,
): string {
  const lines = [
    `# Security checklist: ${cell(context.workspaceName)}`,
    '',
    `Generated ${context.generatedAt.toISOString()} by Python Security Guide.`,
  ];
  if (context.scanState !== 'complete')
    lines.push(
      '',
      `> The workspace scan was ${context.scanState === 'cancelled' ? 'cancelled' : 'not finished'}: automatic statuses may be incomplete.`,
    );
  for (const kind of ['automatic', 'manual'] as const) {
    lines.push(
      '',
      kind === 'automatic' ? '## Checked from the code' : '## Checked by hand',
      '',
      '| | Item | Status | Rules |',
      '| --- | --- | --- | --- |',
    );
    for (const state of states.filter((s) => s.item.kind === kind)) {
      lines.push(
        `| ${marks[state.status.kind]} | ${cell(state.item.title)} | ${cell(describeStatus(state.status))} | ${state.rules.map((rule) => rule.id).join(', ')} |`,
      );
    }
  }
  const failing = states.filter((state) => state.status.kind === 'failing');
  if (failing.length) {
    lines.push('', '## Findings');
    for (const state of failing) {
      if (state.status.kind !== 'failing') continue;
      lines.push('', `### ${state.item.title}`, '');
      for (const finding of state.status.findings.slice(0, maxFindingsPerItem)) {
        lines.push(
          `- \`${context.displayPath(finding.uri, finding.cell)}:${finding.range.start.line + 1}:${finding.range.start.character + 1}\` ${finding.ruleId}: ${finding.message.replace(/\r?\n/g, ' ')}`,
        );
      }
      const more = state.status.count - Math.min(state.status.findings.length, maxFindingsPerItem);
      if (more > 0) lines.push(`- … and ${more} more`);
    }
  }
  return `${lines.join('\n')}\n`;
}
