import type { RuleDocs, RuleMeta } from '../ruleApi/types';
import generated from '../rules/ruleDocs.generated.json';

const docs = generated as Record<string, RuleDocs>;

/** The documentation a rule file opens with, as extracted by `npm run docs`. */
export function ruleDocs(ruleId: string): RuleDocs | undefined {
  return docs[ruleId];
}

const sections: [keyof RuleDocs, string][] = [
  ['whatItDoes', 'What it does'],
  ['whyIsThisBad', 'Why is this bad?'],
  ['example', 'Example'],
  ['useInstead', 'Use instead'],
  ['references', 'References'],
];

/** Parses the leading `/** ## What it does … *\/` comment of a rule file. Throws when a section is missing. */
export function parseRuleComment(source: string, file: string): RuleDocs {
  const comment = /^\s*\/\*\*([\s\S]*?)\*\//.exec(source);
  if (!comment) throw new Error(`${file}: a rule file must open with its documentation comment`);
  const body = comment[1]
    .split('\n')
    .map((line) => line.replace(/^\s*\* ?/, ''))
    .join('\n');
  const found = new Map<string, string>();
  const headings = [...body.matchAll(/^## (.+)$/gm)];
  headings.forEach((heading, i) => {
    const start = (heading.index ?? 0) + heading[0].length;
    const end = i + 1 < headings.length ? headings[i + 1].index : body.length;
    found.set(heading[1].trim(), body.slice(start, end).trim());
  });
  const result: Partial<RuleDocs> = {};
  for (const [key, title] of sections) {
    const text = found.get(title);
    if (!text) throw new Error(`${file}: the documentation comment has no "## ${title}" section`);
    if (key === 'references')
      result.references = text
        .split('\n')
        .map((line) => line.replace(/^- /, '').trim())
        .filter(Boolean);
    else result[key] = text;
  }
  if (headings.map((h) => h[1].trim()).join('|') !== sections.map(([, title]) => title).join('|')) {
    throw new Error(`${file}: sections must be exactly: ${sections.map(([, t]) => t).join(', ')}`);
  }
  return result as RuleDocs;
}

/** The code block of an Example/Use instead section, without its fences. */
export function codeOf(section: string): string {
  const fenced = /```\w*\n([\s\S]*?)```/.exec(section);
  return fenced ? fenced[1].replace(/\n$/, '') : section;
}

/** Hover text for a finding: title, why, what to use instead, and links. */
export function hoverMarkdown(meta: RuleMeta, docsUri: string | undefined): string {
  const d = ruleDocs(meta.id);
  const lines = [`**${meta.title}** (${meta.id}, CWE-${meta.cwe})`, ''];
  if (d) lines.push(d.whyIsThisBad, '', '**Use instead**', '', d.useInstead, '');
  const cwe = `[CWE-${meta.cwe}](https://cwe.mitre.org/data/definitions/${meta.cwe}.html)`;
  lines.push(docsUri ? `[Rule documentation](${docsUri}) · ${cwe}` : cwe);
  return lines.join('\n');
}
