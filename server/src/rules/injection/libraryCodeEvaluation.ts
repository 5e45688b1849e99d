/**
 * ## What it does
 * Flags untrusted data evaluated as code by libraries: `PIL.ImageMath.eval`/`unsafe_eval`,
 * `pandas.eval` and a DataFrame's `query()`/`eval()`, `numexpr.evaluate`, and `sympy.sympify` /
 * `parse_expr` on text. A value of unknown origin is reported (at low confidence) only for the
 * functions that are `eval` by name (`ImageMath.eval`, `numexpr.evaluate`); pandas and SymPy calls
 * need a value the analysis shows comes from outside.
 *
 * ## Why is this bad?
 * These functions parse a Python-like expression and evaluate it. `ImageMath.eval` and SymPy's
 * `sympify` call Python's `eval`; pandas expressions can reach any object through `@` local
 * references and attributes (`@pd.io.common.os.system("...")`); numexpr before 2.8.5 used `eval`
 * too. A filter box or a formula field sent to them runs the sender's code in the server.
 *
 * ## Example
 * ```python
 * rows = df.query(request.args["filter"])
 * ```
 *
 * ## Use instead
 * ```python
 * column, value = request.args["column"], request.args["value"]
 * if column not in ALLOWED_COLUMNS:
 *     abort(400)
 * rows = df[df[column] == value]
 * ```
 * Build the selection from checked parts instead of evaluating text.
 *
 * ## References
 * - CWE-95: Improper Neutralization of Directives in Dynamically Evaluated Code ('Eval Injection')
 * - CWE-94: Improper Control of Generation of Code ('Code Injection')
 * - OWASP Top 10 2021 A03: Injection
 */
import type { Node } from '../../parser/parser';
import type { Rule, RuleContext } from '../../ruleApi/types';
import { callArguments, calledFunction, methodName } from '../../semantic/calls';
import { describeFlow, isTestCode, reportTaintedSink } from '../shared';

/** Library evaluators: the argument holding the expression, and whether unknown origin is worth a low finding. */
const evaluators: ReadonlyMap<string, { index: number; name: string; unknown: boolean }> = new Map([
  ['PIL.ImageMath.eval', { index: 0, name: 'expression', unknown: true }],
  ['PIL.ImageMath.unsafe_eval', { index: 0, name: 'expression', unknown: true }],
  ['numexpr.evaluate', { index: 0, name: 'ex', unknown: true }],
  ['pandas.eval', { index: 0, name: 'expr', unknown: false }],
  ['sympy.sympify', { index: 0, name: 'a', unknown: false }],
  ['sympy.core.sympify.sympify', { index: 0, name: 'a', unknown: false }],
  ['sympy.parse_expr', { index: 0, name: 's', unknown: false }],
  ['sympy.parsing.sympy_parser.parse_expr', { index: 0, name: 's', unknown: false }],
  ['sympy.parsing.parse_expr', { index: 0, name: 's', unknown: false }],
]);

/** A DataFrame's `query(expr)` or `eval(expr)`: on a pandas value, or on a value the file does not show in a pandas file. */
function dataFrameExpression(call: Node, context: RuleContext): Node | undefined {
  const method = methodName(call);
  if (method !== 'query' && method !== 'eval') return undefined;
  const receiver = context.model.resolvedPath(calledFunction(call)?.childForFieldName('object'));
  if (receiver) {
    if (!/^(?:pandas|modin\.pandas|polars)\./.test(receiver) || receiver.startsWith('polars.')) return undefined;
  } else if (![...context.model.importedModules].some((m) => m === 'pandas' || m.startsWith('pandas.')))
    return undefined;
  return callArguments(call).find(0, 'expr');
}

export const libraryCodeEvaluation: Rule = {
  meta: {
    id: 'PSG143',
    name: 'library-code-evaluation',
    title: 'Untrusted data evaluated as code by a library',
    defaultSeverity: 'error',
    cwe: 95,
    owasp: 'A03:2021-Injection',
    checklistItem: 'input-validated',
    bandit: [],
    ruff: [],
    fixable: false,
  },
  triggers: ['ImageMath', 'eval', 'query', 'numexpr', 'sympify', 'parse_expr', 'evaluate'],
  visitors: {
    call(call, context) {
      const callee = context.model.calleeName(call);
      const known = callee ? evaluators.get(callee) : undefined;
      const expression = known ? callArguments(call).find(known.index, known.name) : dataFrameExpression(call, context);
      if (!expression || isTestCode(context.model, call)) return;
      reportTaintedSink(context, {
        kind: 'code',
        values: [expression],
        sink: call,
        reportUnknown: known?.unknown ?? false,
        message: (verdict, label) => {
          const what =
            verdict.taint.level === 'tainted'
              ? `${describeFlow(verdict, label)}, which evaluates it as an expression`
              : `\`${label}\` evaluates an expression that is not a constant`;
          return `${what}: an expression can call functions and reach modules (\`os.system\`), so whoever writes it runs code in this process. Build the operation from checked parts (an allowlist of columns, operators and numbers) instead.`;
        },
        fixUnavailable: 'the allowed operations depend on the application',
      });
    },
  },
};
