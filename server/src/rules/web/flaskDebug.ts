/**
 * ## What it does
 * Flags Flask (and Quart) applications run in debug mode: `app.run(debug=True)`,
 * `app.debug = True` and `app.config["DEBUG"] = True`.
 *
 * ## Why is this bad?
 * The debug mode serves the Werkzeug debugger: any exception page offers a Python console that
 * runs code on the server. Reachable from a network, it is remote code execution; even behind a
 * PIN it leaks source code, settings and secrets in tracebacks.
 *
 * ## Example
 * ```python
 * app.run(debug=True)
 * ```
 *
 * ## Use instead
 * ```python
 * app.run(debug=os.environ.get("FLASK_DEBUG") == "1")
 * ```
 * Or run `flask --app app run --debug` locally and a WSGI server (gunicorn, waitress) in
 * production.
 *
 * ## References
 * - CWE-489: Active Debug Code
 * - CWE-94: Improper Control of Generation of Code ('Code Injection')
 * - OWASP Top 10 2021 A05: Security Misconfiguration
 */
import { ensureModuleImported } from '../../fixes/python';
import { calledFunction, keywordValue, literalString, methodName } from '../../semantic/calls';
import type { Fix, Rule } from '../../ruleApi/types';
import { isFlaskApp } from './flaskApps';
import { unsafeFix } from '../../fixes/fix';
import { assignedTarget, assignedValue } from '../../semantic/assignments';

const fromEnvironment = 'os.environ.get("FLASK_DEBUG") == "1"';

export const flaskDebug: Rule = {
  meta: {
    id: 'PSG601',
    name: 'flask-debug-mode',
    title: 'Flask application run in debug mode',
    defaultSeverity: 'error',
    cwe: 489,
    owasp: 'A05:2021-Security Misconfiguration',
    checklistItem: 'https-enforced',
    bandit: ['B201'],
    ruff: ['S201'],
    fixable: true,
    fixes: [
      {
        title: 'Read debug mode from the FLASK_DEBUG environment variable',
        applicability: 'unsafe',
        why: 'A deployment that relied on debug mode being on now runs without the debugger unless FLASK_DEBUG is set.',
      },
    ],
  },
  triggers: ['debug', 'DEBUG'],
  visitors: {
    call(call, context) {
      if (methodName(call) !== 'run' || !isFlaskApp(context.model, calledFunction(call)!.childForFieldName('object')))
        return;
      const debug = keywordValue(call, 'debug');
      if (debug?.type !== 'true') return;
      let fix: Fix | undefined;
      let fixUnavailable: string | undefined;
      const os = ensureModuleImported(context, 'os', call);
      if (!os) fixUnavailable = 'the name `os` is already used for something else in this file';
      else
        fix = unsafeFix(
          'Read debug mode from the FLASK_DEBUG environment variable',
          'debug only when FLASK_DEBUG is set',
          [...os.edits, { start: debug.startIndex, end: debug.endIndex, newText: fromEnvironment }],
        );
      context.report({
        node: debug.parent!,
        message:
          'Flask runs with the interactive debugger on: any error page lets a visitor run Python on the server. Turn it on only from the environment, for local development.',
        confidence: 'high',
        fix,
        fixUnavailable,
      });
    },
    assignment(node, context) {
      const left = assignedTarget(node);
      const right = assignedValue(node);
      if (!left || right?.type !== 'true') return;
      let isDebug = false;
      if (left.type === 'attribute')
        isDebug =
          left.childForFieldName('attribute')?.text === 'debug' &&
          isFlaskApp(context.model, left.childForFieldName('object'));
      else if (left.type === 'subscript') {
        const target = left.childForFieldName('value');
        isDebug =
          literalString(context.model, left.childForFieldName('subscript') ?? undefined) === 'DEBUG' &&
          target?.type === 'attribute' &&
          target.childForFieldName('attribute')?.text === 'config' &&
          isFlaskApp(context.model, target.childForFieldName('object'));
      }
      if (!isDebug) return;
      const os = ensureModuleImported(context, 'os', node);
      const fix: Fix | undefined = os
        ? unsafeFix('Read debug mode from the FLASK_DEBUG environment variable', 'debug only when FLASK_DEBUG is set', [
            ...os.edits,
            { start: right.startIndex, end: right.endIndex, newText: fromEnvironment },
          ])
        : undefined;
      context.report({
        node,
        message:
          'Flask debug mode is switched on in code: the interactive debugger lets a visitor run Python on the server.',
        confidence: 'high',
        fix,
        fixUnavailable: fix ? undefined : 'the name `os` is already used for something else in this file',
      });
    },
  },
};
