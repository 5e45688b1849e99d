import { Hover, MarkupKind } from 'vscode-languageserver';
import { ruleDocumentationUri } from '../docs/location';
import { hoverMarkdown } from '../docs/ruleDocs';
import type { SummaryFinding } from '../shared/workspaceSummary';
import { rulesById } from '../rules';

/** Hover for the findings under the cursor: each rule once, with its why, the safe alternative and links. */
export function hoverFor(findings: readonly SummaryFinding[]): Hover | null {
  const shown = new Set<string>();
  const sections: string[] = [];
  let range: SummaryFinding['range'] | undefined;
  for (const finding of findings) {
    const rule = rulesById.get(finding.ruleId);
    if (!rule || shown.has(rule.meta.id)) continue;
    shown.add(rule.meta.id);
    sections.push(hoverMarkdown(rule.meta, ruleDocumentationUri(rule.meta.id)));
    range ??= finding.range;
  }
  if (!sections.length) return null;
  return { contents: { kind: MarkupKind.Markdown, value: sections.join('\n\n---\n\n') }, range };
}
