import { Hover, MarkupKind } from 'vscode-languageserver';
import type { AdvisoryReference } from '../core/types';
import { ruleDocumentationUri } from '../docs/location';
import { hoverMarkdown } from '../docs/ruleDocs';
import type { SummaryFinding } from '../shared/workspaceSummary';
import { rulesById } from '../rules';

/** A finding under the cursor, with the advisories it is about when it names some. */
export type HoverFinding = SummaryFinding & { advisories?: readonly AdvisoryReference[] };

/** Markdown's inline special characters in text taken from data (an advisory's summary): shown as written. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()<>!|~]/g, (character) => `\\${character}`);
}

/** The page of an alias the advisory database gives: a CVE record or a GitHub advisory. */
function aliasLink(alias: string): string {
  if (/^CVE-\d{4}-\d+$/.test(alias)) return `[${alias}](https://www.cve.org/CVERecord?id=${alias})`;
  if (/^GHSA(?:-[23456789cfghjmpqrvwx]{4}){3}$/.test(alias))
    return `[${alias}](https://github.com/advisories/${alias})`;
  return escapeMarkdown(alias);
}

/** One advisory: its id linked to its page, its aliases, its summary and the versions that fix it. */
function advisoryMarkdown(advisory: AdvisoryReference): string {
  const aliases = advisory.aliases.length ? ` (${advisory.aliases.map(aliasLink).join(', ')})` : '';
  const summary = advisory.summary ? `: ${escapeMarkdown(advisory.summary)}` : '';
  const fixed = advisory.fixed.length
    ? ` — fixed in ${advisory.fixed.map(escapeMarkdown).join(', ')}`
    : ' — no fixed version';
  return `- [${escapeMarkdown(advisory.id)}](${advisory.url})${aliases}${summary}${fixed}`;
}

/**
 * Hover for the findings under the cursor: each rule once, with its why, the safe alternative and
 * links; then, for each finding about advisories, the advisories with a link to each.
 */
export function hoverFor(findings: readonly HoverFinding[]): Hover | null {
  const shown = new Set<string>();
  const sections: string[] = [];
  let range: SummaryFinding['range'] | undefined;
  for (const finding of findings) {
    const rule = rulesById.get(finding.ruleId);
    if (!rule) continue;
    if (finding.advisories?.length) {
      const count = finding.advisories.length;
      sections.push(
        [
          `**${count} known vulnerabilit${count === 1 ? 'y' : 'ies'}**`,
          '',
          ...finding.advisories.map(advisoryMarkdown),
        ].join('\n'),
      );
      range ??= finding.range;
    }
    if (shown.has(rule.meta.id)) continue;
    shown.add(rule.meta.id);
    sections.push(hoverMarkdown(rule.meta, ruleDocumentationUri(rule.meta.id)));
    range ??= finding.range;
  }
  if (!sections.length) return null;
  return { contents: { kind: MarkupKind.Markdown, value: sections.join('\n\n---\n\n') }, range };
}
