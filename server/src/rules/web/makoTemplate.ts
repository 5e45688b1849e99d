/**
 * ## What it does
 * Flags Mako templates (`mako.template.Template`, `mako.lookup.TemplateLookup`) created without
 * `default_filters` that escape HTML.
 *
 * ## Why is this bad?
 * Mako does not escape expressions by default: `${name}` inserts the value as it is. A value with
 * `<script>` in it runs in the visitor's browser (cross-site scripting).
 *
 * ## Example
 * ```python
 * page = Template("<p>Hello ${name}</p>")
 * ```
 *
 * ## Use instead
 * ```python
 * page = Template("<p>Hello ${name}</p>", default_filters=["h"])
 * ```
 *
 * ## References
 * - CWE-80: Improper Neutralization of Script-Related HTML Tags in a Web Page (Basic XSS)
 * - OWASP Top 10 2021 A03: Injection
 */
import type { Fix, Rule } from '../../ruleApi/types';
import { hasSplat, keywordValue } from '../../semantic/calls';
import { appendArgument } from '../../fixes/callEdits';
import { unsafeFix } from '../../fixes/fix';

const constructors = new Set(['mako.template.Template', 'mako.lookup.TemplateLookup']);

export const makoTemplate: Rule = {
  meta: {
    id: 'PSG105',
    name: 'mako-without-escaping',
    title: 'Mako template without HTML escaping',
    defaultSeverity: 'warning',
    cwe: 80,
    owasp: 'A03:2021-Injection',
    checklistItem: 'input-validated',
    bandit: ['B702'],
    ruff: ['S702'],
    fixable: true,
    fixes: [
      {
        title: 'Escape HTML by default (default_filters=["h"])',
        applicability: 'unsafe',
        why: 'Every expression in the templates is now HTML-escaped: markup that templates emitted on purpose comes out as text.',
      },
    ],
  },
  triggers: ['mako'],
  visitors: {
    call(call, context) {
      const callee = context.model.calleeName(call);
      if (!callee || !constructors.has(callee) || hasSplat(call)) return;
      const filters = keywordValue(call, 'default_filters');
      if (filters && /["'](?:h|html_escape)["']/.test(filters.text)) return;
      if (filters && filters.type !== 'list') return; // computed: the caller decides
      let fix: Fix | undefined;
      if (!filters) {
        const edit = appendArgument(call, 'default_filters=["h"]');
        if (edit)
          fix = unsafeFix('Escape HTML by default (default_filters=["h"])', 'templates now escape HTML', [edit]);
      }
      context.report({
        node: call,
        message:
          'Mako inserts `${...}` values without escaping: a value with `<script>` runs in the browser. Pass `default_filters=["h"]` (HTML-escape everything by default).',
        confidence: 'medium',
        fix,
        fixUnavailable: fix ? undefined : 'the existing `default_filters` list needs `"h"` added by hand',
      });
    },
  },
};
