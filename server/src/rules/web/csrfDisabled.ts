/**
 * ## What it does
 * Flags CSRF protection switched off: `WTF_CSRF_ENABLED = False` (as a setting, in `app.config`
 * or `app.config.update(...)`), `WTF_CSRF_CHECK_DEFAULT = False`, Flask-WTF's `@csrf.exempt` and
 * Django's `@csrf_exempt`.
 *
 * ## Why is this bad?
 * Browsers send cookies with every request to your site, including ones a malicious page makes.
 * Without a CSRF token any site a logged-in user visits can submit forms as that user: change their
 * e-mail, transfer money, delete data.
 *
 * ## Example
 * ```python
 * app.config["WTF_CSRF_ENABLED"] = False
 * ```
 *
 * ## Use instead
 * ```python
 * csrf = CSRFProtect(app)
 * ```
 * Exempt only endpoints that authenticate with something other than cookies (an API token in a
 * header), and disable CSRF only in the test configuration.
 *
 * ## References
 * - CWE-352: Cross-Site Request Forgery (CSRF)
 * - OWASP Top 10 2021 A01: Broken Access Control
 */
import type { Node } from '../../parser/parser';
import { decoratorExpression, literalString } from '../../semantic/calls';
import type { Rule, RuleContext } from '../../ruleApi/types';
import { unsafeFix } from '../../fixes/fix';
import { assignedTarget, assignedValue } from '../../semantic/assignments';

const settings = new Set(['WTF_CSRF_ENABLED', 'WTF_CSRF_CHECK_DEFAULT']);
const exemptDecorators = new Set(['django.views.decorators.csrf.csrf_exempt']);

function inTestCode(node: Node): boolean {
  for (let current: Node | null = node.parent; current; current = current.parent) {
    if (
      (current.type === 'function_definition' || current.type === 'class_definition') &&
      /^test|^Test|Test(?:ing)?Config$|^setUp/.test(current.childForFieldName('name')?.text ?? '')
    )
      return true;
  }
  return false;
}

function reportSetting(node: Node, value: Node, context: RuleContext): void {
  if (inTestCode(node)) return;
  context.report({
    node,
    message:
      'CSRF protection is switched off: any site a logged-in user visits can submit forms as them. Keep it on outside the test configuration.',
    confidence: 'high',
    fix: unsafeFix('Switch CSRF protection back on', 'requests without a CSRF token are refused', [
      { start: value.startIndex, end: value.endIndex, newText: 'True' },
    ]),
  });
}

export const csrfDisabled: Rule = {
  meta: {
    id: 'PSG608',
    name: 'csrf-protection-disabled',
    title: 'CSRF protection disabled',
    defaultSeverity: 'warning',
    cwe: 352,
    owasp: 'A01:2021-Broken Access Control',
    checklistItem: 'input-validated',
    bandit: [],
    ruff: [],
    fixable: true,
    fixes: [
      {
        title: 'Switch CSRF protection back on',
        applicability: 'unsafe',
        why: 'Form posts and API clients that do not send a CSRF token are refused.',
      },
    ],
  },
  triggers: ['CSRF', 'csrf'],
  visitors: {
    assignment(node, context) {
      const left = assignedTarget(node);
      const right = assignedValue(node);
      if (!left || right?.type !== 'false') return;
      const name =
        left.type === 'identifier'
          ? left.text
          : left.type === 'subscript'
            ? literalString(context.model, left.childForFieldName('subscript') ?? undefined)
            : undefined;
      if (name && settings.has(name)) reportSetting(node, right, context);
    },
    keyword_argument(node, context) {
      const value = node.childForFieldName('value');
      if (value?.type === 'false' && settings.has(node.childForFieldName('name')?.text ?? ''))
        reportSetting(node, value, context);
    },
    pair(node, context) {
      const value = node.childForFieldName('value');
      const key = literalString(context.model, node.childForFieldName('key') ?? undefined);
      if (value?.type === 'false' && key && settings.has(key)) reportSetting(node, value, context);
    },
    decorator(node, context) {
      const expression = decoratorExpression(node);
      if (!expression) return;
      const target = expression.type === 'call' ? expression.childForFieldName('function') : expression;
      const qualified = context.model.qualifiedName(target);
      const isDjango = !!qualified && exemptDecorators.has(qualified);
      // Flask-WTF: `csrf = CSRFProtect(app)` then `@csrf.exempt`.
      const isFlaskWtf =
        target?.type === 'attribute' &&
        target.childForFieldName('attribute')?.text === 'exempt' &&
        /^flask_wtf\.(?:csrf\.)?CSRFProtect\(\)$/.test(
          context.model.resolvedPath(target.childForFieldName('object')) ?? '',
        );
      if (!isDjango && !isFlaskWtf) return;
      context.report({
        node,
        message:
          'This view is exempt from CSRF checks: if it changes state and uses cookie authentication, other sites can call it as the logged-in user.',
        confidence: 'medium',
      });
    },
  },
};
