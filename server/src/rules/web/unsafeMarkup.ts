/**
 * ## What it does
 * Flags `Markup(...)` (markupsafe, Flask, Jinja2) and Django's `mark_safe(...)`/`SafeString(...)`
 * applied to a string that is not a constant: built with an f-string, `%`, `+` or `.format()`, or
 * taken from a parameter or request data. Also Django's `format_html(...)` whose format string is
 * itself built from values (`format_html(f"<b>{name}</b>")`): only the arguments after it are escaped.
 *
 * ## Why is this bad?
 * `Markup` and `mark_safe` tell the template engine "this is already safe HTML, do not escape it".
 * Any user-controlled part of such a string is inserted into the page as HTML, which is
 * cross-site scripting.
 *
 * ## Example
 * ```python
 * return Markup(f"<b>Hello {name}</b>")
 * ```
 *
 * ## Use instead
 * ```python
 * return Markup("<b>Hello {}</b>").format(name)  # format() escapes name
 * ```
 * In Django, `format_html("<b>Hello {}</b>", name)`.
 *
 * ## References
 * - CWE-79: Improper Neutralization of Input During Web Page Generation ('Cross-site Scripting')
 * - OWASP Top 10 2021 A03: Injection
 */
import type { Node } from '../../parser/parser';
import { argumentValue, positionalArgument } from '../../semantic/calls';
import type { Rule, RuleContext } from '../../ruleApi/types';
import { describeFlow, flowSteps, judgeTaint } from '../shared';

const markers = new Set([
  'markupsafe.Markup',
  'flask.Markup',
  'jinja2.Markup',
  'jinja2.utils.Markup',
  'django.utils.safestring.mark_safe',
  'django.utils.safestring.SafeString',
  'django.utils.safestring.SafeText',
]);

/** `format_html(f"...{value}...")`: the format string is marked safe as it is; only the later arguments are escaped. */
function formatHtml(call: Node, context: RuleContext): void {
  const format = argumentValue(call, 0, 'format_string');
  if (!format) return;
  const verdict = judgeTaint(context, 'html', [format]);
  if (!verdict) return;
  const what =
    verdict.taint.level === 'tainted'
      ? `${describeFlow(verdict, 'format_html()')} as its format string`
      : 'The format string of `format_html()` is not a constant';
  context.report({
    node: format,
    message: `${what}: \`format_html\` escapes only the arguments after it, so markup in the format string reaches the page. Write the format string as a constant and pass the values as arguments (\`format_html("<b>{}</b>", name)\`).`,
    confidence: verdict.confidence,
    severity: verdict.severity,
    flow: flowSteps(verdict, call, 'format_html()'),
  });
}

export const unsafeMarkup: Rule = {
  meta: {
    id: 'PSG606',
    name: 'markup-from-non-constant',
    title: 'Markup or mark_safe on a non-constant string',
    defaultSeverity: 'warning',
    cwe: 79,
    owasp: 'A03:2021-Injection',
    checklistItem: 'input-validated',
    bandit: ['B308', 'B703', 'B704'],
    ruff: ['S308', 'S704'],
    fixable: false,
  },
  triggers: ['Markup', 'mark_safe', 'SafeString', 'SafeText', 'format_html'],
  visitors: {
    call(call, context) {
      const callee = context.model.calleeName(call);
      if (callee === 'django.utils.html.format_html') {
        formatHtml(call, context);
        return;
      }
      if (!callee || !markers.has(callee)) return;
      const value = positionalArgument(call, 0);
      if (!value) return;
      // Escaped values (`escape()`, `bleach.clean()`, `format_html()`) and constants are safe HTML already.
      const verdict = judgeTaint(context, 'html', [value]);
      if (!verdict) return;
      const name = `${callee.split('.').pop()}()`;
      const what =
        verdict.taint.level === 'tainted'
          ? `${describeFlow(verdict, name)}, which marks it as safe HTML`
          : `\`${name}\` marks a value that is not a constant as safe HTML`;
      context.report({
        node: value,
        message: `${what}, so it is not escaped: any markup in it reaches the page. Escape the values (\`Markup("...{}").format(value)\`, \`format_html\`).`,
        confidence: verdict.confidence,
        severity: verdict.severity,
        flow: flowSteps(verdict, call, name),
      });
    },
  },
};
