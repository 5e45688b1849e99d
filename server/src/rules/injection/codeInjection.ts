/**
 * ## What it does
 * Flags `eval` and `exec` called on a value that is not a constant, and `compile` on request data
 * or `input()`.
 *
 * ## Why is this bad?
 * These run Python source. If any part of the string comes from a user, a file or the network,
 * the caller can run anything the process can: `__import__("os").system("...")`. Restricting
 * `globals` or `__builtins__` does not make `eval` safe; there are well-known escapes.
 *
 * ## Example
 * ```python
 * value = eval(request.args["value"])
 * ```
 *
 * ## Use instead
 * ```python
 * import ast
 * value = ast.literal_eval(request.args["value"])  # literals only: numbers, strings, lists, dicts
 * ```
 * Or parse the input with `json.loads`, or map the allowed names to functions with a dict.
 *
 * ## References
 * - CWE-95: Improper Neutralization of Directives in Dynamically Evaluated Code ('Eval Injection')
 * - OWASP Top 10 2021 A03: Injection
 */
import type { Rule } from '../../ruleApi/types';
import { describeFlow, isTestCode, reportTaintedSink } from '../shared';
import { argumentValue } from '../../semantic/calls';

const runners: Record<string, string> = {
  'builtins.eval': 'eval',
  'builtins.exec': 'exec',
  'builtins.compile': 'compile',
};

export const codeInjection: Rule = {
  meta: {
    id: 'PSG103',
    name: 'code-injection',
    title: 'eval, exec or compile on a value that is not a constant',
    defaultSeverity: 'error',
    cwe: 95,
    owasp: 'A03:2021-Injection',
    checklistItem: 'input-validated',
    bandit: ['B102', 'B307'],
    ruff: ['S102', 'S307'],
    fixable: false,
  },
  triggers: ['eval', 'exec', 'compile'],
  visitors: {
    call(call, context) {
      const name = runners[context.model.calleeName(call) ?? ''];
      if (!name) return;
      const source = argumentValue(call, 0, name === 'compile' ? 'source' : undefined);
      if (!source || isTestCode(context.model, call)) return;
      // compile() of an AST object built by the program is not source text.
      if (source.type === 'call' && /^ast\./.test(context.model.calleeName(source) ?? '')) return;
      // compile() only builds a code object; it is reported when the source is untrusted data.
      reportTaintedSink(context, {
        kind: 'code',
        values: [source],
        sink: call,
        label: name,
        node: call,
        reportUnknown: name !== 'compile',
        message: (verdict) => {
          const what =
            verdict.taint.level === 'tainted'
              ? `${describeFlow(verdict, name)}, which runs it as Python source`
              : `\`${name}\` runs Python source that is not a constant`;
          return `${what}: whoever controls it can run any code. Parse data with \`ast.literal_eval\` or \`json.loads\`, or dispatch through a dict of allowed functions.`;
        },
      });
    },
  },
};
