/**
 * ## What it does
 * Flags `render_template_string(...)` (Flask, Quart) and `jinja2.Template(...)`/`Environment.from_string(...)`
 * whose template text is not a constant: built with an f-string, `%`, `+` or `.format()`, or taken
 * from a parameter or request data.
 *
 * ## Why is this bad?
 * The template language is code. A value spliced into the template (rather than passed to it)
 * is interpreted: `{{ config }}` leaks settings and secrets, and
 * `{{ ''.__class__.__mro__[1].__subclasses__() }}` reaches arbitrary Python (server-side template
 * injection). It also bypasses autoescaping, which applies to values, not template text.
 *
 * ## Example
 * ```python
 * return render_template_string(f"<h1>Hello {name}</h1>")
 * ```
 *
 * ## Use instead
 * ```python
 * return render_template_string("<h1>Hello {{ name }}</h1>", name=name)
 * ```
 *
 * ## References
 * - CWE-1336: Improper Neutralization of Special Elements Used in a Template Engine
 * - OWASP Top 10 2021 A03: Injection
 */
import { argumentValue, calledFunction, methodName } from '../../semantic/calls';
import type { Rule } from '../../ruleApi/types';
import { describeFlow, reportTaintedSink } from '../shared';

const renderers = new Set(['flask.render_template_string', 'quart.render_template_string', 'jinja2.Template']);

export const templateFromData: Rule = {
  meta: {
    id: 'PSG607',
    name: 'template-built-from-data',
    title: 'Template text built from data',
    defaultSeverity: 'error',
    cwe: 1336,
    owasp: 'A03:2021-Injection',
    checklistItem: 'input-validated',
    bandit: [],
    ruff: [],
    fixable: false,
  },
  triggers: ['render_template_string', 'Template', 'from_string'],
  visitors: {
    call(call, context) {
      const callee = context.model.calleeName(call);
      let template = callee && renderers.has(callee) ? argumentValue(call, 0, 'source') : undefined;
      if (!template) {
        if (methodName(call) !== 'from_string') return;
        const path = context.model.resolvedPath(calledFunction(call)!.childForFieldName('object'));
        if (!path || !/^jinja2\.(?:\w+\.)*(?:Environment|SandboxedEnvironment)\(\)$/.test(path)) return;
        template = argumentValue(call, 0, 'source');
      }
      if (!template) return;
      reportTaintedSink(context, {
        kind: 'template',
        values: [template],
        sink: call,
        message: (verdict, label) => {
          const what =
            verdict.taint.level === 'tainted'
              ? `${describeFlow(verdict, label)} as template text`
              : 'The template text is not a constant';
          return `${what}: template syntax in it runs on the server (template injection). Keep the template constant and pass values as variables.`;
        },
      });
    },
  },
};
