/**
 * ## What it does
 * Flags Jinja2 environments created with `autoescape=False` or without `autoescape` at all
 * (Jinja2's default is off), and `aiohttp_jinja2.setup(..., autoescape=False)`, which passes it to
 * the environment it creates (its own default is on).
 *
 * ## Why is this bad?
 * Without autoescaping every `{{ value }}` is inserted into the HTML as written: a user name of
 * `<script>…</script>` runs in every visitor's browser (cross-site scripting). Flask turns
 * autoescaping on for its own templates; a hand-made `Environment` does not.
 *
 * ## Example
 * ```python
 * env = Environment(loader=FileSystemLoader("templates"))
 * ```
 *
 * ## Use instead
 * ```python
 * env = Environment(loader=FileSystemLoader("templates"), autoescape=select_autoescape())
 * ```
 * `select_autoescape()` escapes `.html`, `.htm` and `.xml` templates and strings, and leaves
 * plain-text templates alone.
 *
 * ## References
 * - CWE-79: Improper Neutralization of Input During Web Page Generation ('Cross-site Scripting')
 * - OWASP Top 10 2021 A03: Injection
 */
import { ensureImported } from '../../fixes/python';
import { hasSplat, keywordValue } from '../../semantic/calls';
import { appendArgument } from '../../fixes/callEdits';
import type { Fix, Rule } from '../../ruleApi/types';
import { unsafeFix } from '../../fixes/fix';

const environments = new Set([
  'jinja2.Environment',
  'jinja2.environment.Environment',
  'jinja2.sandbox.SandboxedEnvironment',
]);

export const jinjaAutoescapeDisabled: Rule = {
  meta: {
    id: 'PSG605',
    name: 'jinja2-autoescape-disabled',
    title: 'Jinja2 environment without autoescaping',
    defaultSeverity: 'error',
    cwe: 79,
    owasp: 'A03:2021-Injection',
    checklistItem: 'input-validated',
    bandit: ['B701'],
    ruff: ['S701'],
    fixable: true,
    fixes: [
      {
        title: 'Escape HTML templates with select_autoescape()',
        applicability: 'unsafe',
        why: 'HTML and XML templates now escape every expression: markup passed as plain strings comes out as text.',
      },
    ],
  },
  triggers: ['Environment', 'aiohttp_jinja2'],
  visitors: {
    call(call, context) {
      const callee = context.model.calleeName(call);
      // aiohttp_jinja2.setup escapes unless told not to.
      const passesThrough = callee === 'aiohttp_jinja2.setup';
      if (!callee || (!environments.has(callee) && !passesThrough) || hasSplat(call)) return;
      const autoescape = keywordValue(call, 'autoescape');
      if (autoescape && autoescape.type !== 'false') return;
      if (!autoescape && passesThrough) return;
      const imported = ensureImported(context, 'jinja2', 'select_autoescape', call);
      let fix: Fix | undefined;
      if (imported) {
        const edit = autoescape
          ? { start: autoescape.startIndex, end: autoescape.endIndex, newText: 'select_autoescape()' }
          : appendArgument(call, 'autoescape=select_autoescape()');
        if (edit)
          fix = unsafeFix('Escape HTML templates with select_autoescape()', 'templates now escape HTML', [
            ...imported.edits,
            edit,
          ]);
      }
      context.report({
        node: autoescape ? autoescape.parent! : call,
        message: `${autoescape ? '`autoescape=False`' : 'A Jinja2 environment without `autoescape`'} inserts values into HTML unescaped: a value with \`<script>\` runs in the visitor's browser. Use \`autoescape=select_autoescape()\`.`,
        confidence: autoescape ? 'high' : 'medium',
        fix,
        fixUnavailable: fix
          ? undefined
          : 'the name `select_autoescape` is already used for something else in this file',
      });
    },
  },
};
