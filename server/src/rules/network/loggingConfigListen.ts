/**
 * ## What it does
 * Flags `logging.config.listen()` started without a `verify` function.
 *
 * ## Why is this bad?
 * The listener accepts a logging configuration from a socket and applies it. Configurations can
 * name classes and callables to construct, so whoever can connect to the port can run code in the
 * process. `verify` lets you check a signature (or decrypt) before anything is applied.
 *
 * ## Example
 * ```python
 * thread = logging.config.listen(9999)
 * ```
 *
 * ## Use instead
 * ```python
 * thread = logging.config.listen(9999, verify=check_signature)  # returns the bytes, or None to reject
 * ```
 *
 * ## References
 * - CWE-94: Improper Control of Generation of Code ('Code Injection')
 * - OWASP Top 10 2021 A08: Software and Data Integrity Failures
 */
import type { Rule } from '../../ruleApi/types';
import { argumentValue } from '../../semantic/calls';

export const loggingConfigListen: Rule = {
  meta: {
    id: 'PSG524',
    name: 'logging-config-listen',
    title: 'Logging configuration accepted from the network without verification',
    defaultSeverity: 'error',
    cwe: 94,
    owasp: 'A08:2021-Software and Data Integrity Failures',
    checklistItem: 'input-validated',
    bandit: ['B612'],
    ruff: ['S612'],
    fixable: false,
  },
  triggers: ['listen'],
  visitors: {
    call(call, context) {
      if (context.model.calleeName(call) !== 'logging.config.listen') return;
      const verify = argumentValue(call, 1, 'verify');
      if (verify && verify.type !== 'none') return;
      context.report({
        node: call,
        message:
          '`logging.config.listen` applies any configuration sent to its port, and configurations can construct arbitrary callables: whoever connects runs code. Pass `verify=` a function that checks a signature.',
        confidence: 'high',
      });
    },
  },
};
