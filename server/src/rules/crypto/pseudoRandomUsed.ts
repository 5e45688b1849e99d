/**
 * ## What it does
 * Points out calls of the `random` module's generator (`random.random`, `randint`, `choice`,
 * `sample`, `getrandbits`, `random.Random()`, ...) whose purpose the code does not show, as
 * low-confidence hints: what Bandit's B311 and Ruff's S311 report. Calls whose value is named or
 * used as a security value are PSG320's, and are not repeated here; test code is left out.
 *
 * ## Why is this bad?
 * Usually it is not: simulations, sampling, jitter and shuffling test data are what `random` is
 * for. It matters only when the value ends up as a token, a password, a key or an identifier
 * someone should not guess, because the Mersenne Twister's next outputs can be computed from the
 * previous ones. The hint lets a review (or `--confidence low`) find every such call.
 *
 * ## Example
 * ```python
 * code = random.randint(0, 999999)
 * send_sms(user.phone, code)
 * ```
 *
 * ## Use instead
 * ```python
 * code = secrets.randbelow(1000000)
 * send_sms(user.phone, code)
 * ```
 * Where the value is not a secret, leave the call as it is and suppress the hint with
 * `# nosec B311`.
 *
 * ## References
 * - CWE-330: Use of Insufficiently Random Values
 * - OWASP Top 10 2021 A02: Cryptographic Failures
 */
import type { Rule } from '../../ruleApi/types';
import { isTestCode, purposeWords } from '../shared';
import { securityWords } from './insecureRandom';

/** What Bandit's B311 blacklist names, with `sample`, `shuffle`, `getrandbits` and the `Random` class. */
const generatorCalls = new Set([
  'random',
  'randrange',
  'randint',
  'choice',
  'choices',
  'uniform',
  'triangular',
  'randbytes',
  'sample',
  'getrandbits',
  'shuffle',
  'Random',
]);

export const pseudoRandomUsed: Rule = {
  meta: {
    id: 'PSG321',
    name: 'pseudo-random-generator',
    title: 'Pseudo-random generator used (review hint)',
    defaultSeverity: 'hint',
    cwe: 330,
    owasp: 'A02:2021-Cryptographic Failures',
    checklistItem: 'secrets-from-environment',
    bandit: ['B311'],
    ruff: ['S311'],
    fixable: false,
  },
  triggers: ['random'],
  visitors: {
    call(call, context) {
      const callee = context.model.calleeName(call);
      if (!callee?.startsWith('random.') || !generatorCalls.has(callee.slice(7))) return;
      if (securityWords.test(purposeWords(call, context.model)) || isTestCode(context.model, call)) return;
      context.report({
        node: call,
        message: `\`${callee}\` is predictable: fine for simulations, sampling and shuffling, not for anything secret. If this value becomes a token, password, key or id that must not be guessed, use the \`secrets\` module.`,
        confidence: 'low',
        fixUnavailable: 'whether the value must be unpredictable depends on what it is for',
      });
    },
  },
};
