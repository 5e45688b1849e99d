/**
 * ## What it does
 * Flags untrusted data (request arguments, headers, route parameters, `input()`) written to a log
 * through `logging` — as part of the message or as one of its arguments — without removing line
 * breaks. Values logged with `%r`, `!r`, `repr()` or after `.replace("\n", ...)` are not reported,
 * nor are values whose origin the file does not show.
 *
 * ## Why is this bad?
 * Python's `logging` writes line breaks as they are. A user name of
 * `"alice\nINFO login succeeded for admin"` adds a forged line to the log, which misleads whoever
 * investigates an incident and can break log parsers or inject markup into log viewers.
 *
 * ## Example
 * ```python
 * logger.info("login failed for %s", request.form["username"])
 * ```
 *
 * ## Use instead
 * ```python
 * logger.info("login failed for %r", request.form["username"])
 * ```
 * `%r` quotes the value and escapes line breaks. A formatter that escapes every record (or
 * structured JSON logs) fixes it for the whole application.
 *
 * ## References
 * - CWE-117: Improper Output Neutralization for Logs
 * - OWASP Top 10 2021 A09: Security Logging and Monitoring Failures
 */
import type { Node } from '../../parser/parser';
import type { Rule, RuleContext } from '../../ruleApi/types';
import { describeFlow, reportTaintedSink } from '../shared';
import { calledFunction, methodName } from '../../semantic/calls';

const levels: ReadonlySet<string> = new Set([
  'debug',
  'info',
  'warning',
  'warn',
  'error',
  'exception',
  'critical',
  'fatal',
  'log',
]);
const loggerNames = /^_{0,2}(?:log|logger|LOG|LOGGER|log_|logging)$/;
const placeholder = /%(?:\([^)]*\))?[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?([a-zA-Z%])/g;

function isLoggingCall(call: Node, context: RuleContext): string | undefined {
  const method = methodName(call);
  if (method === undefined || !levels.has(method)) return undefined;
  const receiver = calledFunction(call)!.childForFieldName('object')!;
  const path = context.model.resolvedPath(receiver);
  if (path) return path === 'logging' || path.startsWith('logging.') ? method : undefined;
  const name = receiver.type === 'attribute' ? receiver.childForFieldName('attribute')?.text : receiver.text;
  return name && loggerNames.test(name) ? method : undefined;
}

/** The positional arguments that end up in the line: the message and its `%s` arguments (not those shown with `%r`). */
function loggedValues(call: Node, method: string, context: RuleContext): Node[] {
  const args = (call.childForFieldName('arguments')?.namedChildren ?? []).filter(
    (a): a is Node => !!a && a.type !== 'comment' && a.type !== 'keyword_argument',
  );
  const positional = method === 'log' ? args.slice(1) : args;
  const [message, ...rest] = positional;
  if (!message) return [];
  const shape = context.model.stringShape(message);
  if (!shape.isString || shape.holes.length > 0 || rest.length === 0) return positional;
  const conversions = [...shape.template().matchAll(placeholder)].map((m) => m[1]).filter((c) => c !== '%');
  return [
    message,
    ...rest.filter(
      (_, i) => conversions[i] !== 'r' && conversions[i] !== 'a' && conversions[i] !== 'd' && conversions[i] !== 'i',
    ),
  ];
}

export const logInjection: Rule = {
  meta: {
    id: 'PSG132',
    name: 'log-injection',
    title: 'Untrusted data with line breaks written to a log',
    defaultSeverity: 'information',
    cwe: 117,
    owasp: 'A09:2021-Security Logging and Monitoring Failures',
    checklistItem: 'input-validated',
    bandit: [],
    ruff: [],
    fixable: false,
  },
  triggers: ['log', 'LOG'],
  visitors: {
    call(call, context) {
      const method = isLoggingCall(call, context);
      if (!method) return;
      const values = loggedValues(call, method, context);
      // Where logged data comes from is unknown almost everywhere; only a flow from a source is worth a note.
      reportTaintedSink(context, {
        kind: 'log',
        values,
        sink: call,
        reportUnknown: false,
        message: (verdict, label) =>
          `${describeFlow(verdict, label)}: a line break in it forges log lines. Log it with \`%r\` (or strip \`\\r\` and \`\\n\`).`,
      });
    },
  },
};
