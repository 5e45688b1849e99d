/**
 * ## What it does
 * Flags Jinja2 templates (`.html`, `.jinja`, `.j2` files) that turn escaping off for a value: the
 * `|safe` filter on a variable and `{% autoescape false %}` blocks.
 *
 * ## Why is this bad?
 * Jinja2 escapes `{{ user_comment }}` so that `<script>` in a comment stays text. `|safe` tells it
 * the value is trusted HTML: if the value can hold anything a user typed, the user's markup runs in
 * every visitor's browser (stored cross-site scripting).
 *
 * ## Example
 * ```html
 * <p>{{ user_comment | safe }}</p>
 * ```
 *
 * ## Use instead
 * ```html
 * <p>{{ user_comment }}</p>
 * ```
 * When some markup must be allowed, sanitise it in Python with an HTML sanitiser (nh3, bleach)
 * and mark only the sanitised result safe.
 *
 * ## References
 * - CWE-79: Improper Neutralization of Input During Web Page Generation ('Cross-site Scripting')
 * - OWASP Top 10 2021 A03: Injection
 */
import type { FileRule, FileRuleContext } from '../../ruleApi/types';
import { templateName } from '../../shared/filePatterns';

/** `{{ expression }}` blocks as offsets of their inner text, found without regular expressions. */
function expressionBlocks(text: string): { start: number; end: number }[] {
  const blocks: { start: number; end: number }[] = [];
  for (let open = text.indexOf('{{'); open >= 0; open = text.indexOf('{{', open + 2)) {
    const close = text.indexOf('}}', open + 2);
    if (close < 0) break;
    blocks.push({ start: open + 2, end: close });
    open = close;
  }
  return blocks;
}

const safeFilter = /\|\s*safe\b/;
const literal = /^\s*(?:"[^"]*"|'[^']*'|\d+)\s*$/;

function checkSafeFilters(context: FileRuleContext): void {
  const { text } = context;
  for (const block of expressionBlocks(text)) {
    const inner = text.slice(block.start, block.end);
    const filter = safeFilter.exec(inner);
    if (!filter) continue;
    const value = inner.slice(0, filter.index).split('|')[0];
    if (literal.test(value)) continue;
    const leading = inner.length - inner.trimStart().length;
    const start = block.start + leading;
    const end = block.start + inner.trimEnd().length;
    context.report({
      start,
      end,
      message: `\`|safe\` turns off escaping for \`${value.trim()}\`: if it can hold anything a user typed, this is cross-site scripting. Drop \`|safe\`, or sanitise the HTML in Python first.`,
      confidence: 'low',
    });
  }
}

function checkAutoescapeOff(context: FileRuleContext): void {
  const { text } = context;
  for (let open = text.indexOf('{%'); open >= 0; open = text.indexOf('{%', open + 2)) {
    const close = text.indexOf('%}', open + 2);
    if (close < 0) break;
    const words = text
      .slice(open + 2, close)
      .replace(/^-|-$/g, '')
      .trim()
      .split(/\s+/);
    if (words[0] === 'autoescape' && words[1]?.toLowerCase() === 'false') {
      context.report({
        start: open,
        end: close + 2,
        message:
          '`{% autoescape false %}` turns off escaping for the whole block: every value in it can inject markup.',
        confidence: 'medium',
      });
    }
    open = close;
  }
}

export const templateSafeFilter: FileRule = {
  meta: {
    id: 'PSG613',
    name: 'template-safe-filter',
    title: 'Escaping turned off in a Jinja2 template',
    defaultSeverity: 'warning',
    cwe: 79,
    owasp: 'A03:2021-Injection',
    checklistItem: 'input-validated',
    bandit: [],
    ruff: [],
    fixable: false,
  },
  files: templateName,
  check(context) {
    if (!context.text.includes('safe') && !context.text.includes('autoescape')) return;
    checkSafeFilters(context);
    checkAutoescapeOff(context);
  },
};
