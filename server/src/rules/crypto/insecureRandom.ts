/**
 * ## What it does
 * Flags the `random` module used for tokens, passwords, keys, salts, nonces, one-time codes or
 * session ids: where the value is assigned to, passed as, or returned from something with such
 * a name.
 *
 * ## Why is this bad?
 * `random` is a Mersenne Twister: fast and statistically fine, but predictable. After seeing 624
 * outputs an attacker can compute every past and future one, so reset tokens and one-time codes
 * made with it can be guessed.
 *
 * ## Example
 * ```python
 * reset_token = "".join(random.choice(ALPHABET) for _ in range(32))
 * otp = random.randint(100000, 999999)
 * ```
 *
 * ## Use instead
 * ```python
 * reset_token = "".join(secrets.choice(ALPHABET) for _ in range(32))  # or secrets.token_urlsafe(32)
 * otp = secrets.randbelow(900000) + 100000
 * ```
 *
 * ## References
 * - CWE-338: Use of Cryptographically Weak Pseudo-Random Number Generator (PRNG)
 * - OWASP Top 10 2021 A02: Cryptographic Failures
 */
import type { Node } from '../../parser/parser';
import { ensureModuleImported } from '../../fixes/python';
import type { Fix, Rule, RuleContext } from '../../ruleApi/types';
import { hasSplat } from '../../semantic/calls';
import { isTestCode, positionalArguments, purposeWords } from '../shared';
import { unsafeFix } from '../../fixes/fix';

const randomFunctions = new Set([
  'random',
  'randint',
  'randrange',
  'choice',
  'choices',
  'sample',
  'getrandbits',
  'randbytes',
  'uniform',
  'shuffle',
]);
/** Names of security values. A bare `key`/`keys` is left out: it is far more often a dict or sort key. */
const securityWords =
  /token|passw|pwd|secret|(?:api|private|secret|signing|encryption|access|auth|session|aes|hmac|crypto)_?key|otp|nonce|salt|session_?id|csrf|xsrf|reset_?code|verification_?code|verify_?code|auth_?code|(?:^|_|\b)pin(?:_|\b)|one_?time|credential/i;

function integer(node: Node): number | undefined {
  return node.type === 'integer' && /^\d[\d_]*$/.test(node.text) ? Number(node.text.replace(/_/g, '')) : undefined;
}

/** The `secrets` equivalent of a `random` call, when one exists with the same meaning. */
function replacement(name: string, call: Node): string | undefined {
  if (
    hasSplat(call) ||
    (call.childForFieldName('arguments')?.namedChildren ?? []).some((a) => a?.type === 'keyword_argument')
  )
    return undefined;
  const args = positionalArguments(call);
  switch (name) {
    case 'choice':
      return args.length === 1 ? `secrets.choice(${args[0].text})` : undefined;
    case 'getrandbits':
      return args.length === 1 ? `secrets.randbits(${args[0].text})` : undefined;
    case 'randbytes':
      return args.length === 1 ? `secrets.token_bytes(${args[0].text})` : undefined;
    case 'randrange':
      if (args.length === 1) return `secrets.randbelow(${args[0].text})`;
      if (args.length === 2) {
        const [low, high] = args.map(integer);
        if (low !== undefined && high !== undefined && high > low)
          return low === 0 ? `secrets.randbelow(${high})` : `secrets.randbelow(${high - low}) + ${low}`;
      }
      return undefined;
    case 'randint': {
      if (args.length !== 2) return undefined;
      const [low, high] = args.map(integer);
      if (low === undefined || high === undefined || high < low) return undefined;
      return low === 0 ? `secrets.randbelow(${high + 1})` : `secrets.randbelow(${high - low + 1}) + ${low}`;
    }
    default:
      return undefined;
  }
}

function buildFix(call: Node, name: string, context: RuleContext): Fix | string {
  let text = replacement(name, call);
  if (!text)
    return `\`random.${name}\` with these arguments has no exact \`secrets\` equivalent; use \`secrets.token_urlsafe()\`, \`secrets.token_hex()\` or \`secrets.choice()\``;
  // `+ low` binds looser than what may surround the call.
  const parent = call.parent;
  if (
    text.includes(' + ') &&
    parent &&
    !['assignment', 'argument_list', 'return_statement', 'keyword_argument', 'expression_statement'].includes(
      parent.type,
    )
  )
    text = `(${text})`;
  const imported = ensureModuleImported(context.model, 'secrets', call);
  if (!imported) return 'the name `secrets` is already used for something else in this file';
  return unsafeFix('Use the secrets module', 'values can no longer be reproduced with random.seed', [
    ...imported.edits,
    { start: call.startIndex, end: call.endIndex, newText: text },
  ]);
}

export const insecureRandom: Rule = {
  meta: {
    id: 'PSG320',
    name: 'insecure-random',
    title: 'Predictable random numbers for a security value',
    defaultSeverity: 'error',
    cwe: 338,
    owasp: 'A02:2021-Cryptographic Failures',
    checklistItem: 'secrets-from-environment',
    bandit: ['B311'],
    ruff: ['S311'],
    fixable: true,
    fixes: [
      {
        title: 'Use the secrets module',
        applicability: 'unsafe',
        why: 'Values come from the operating system: a program that seeds random to reproduce them no longer can.',
      },
    ],
  },
  triggers: ['random'],
  visitors: {
    call(call, context) {
      const callee = context.model.calleeName(call);
      if (!callee?.startsWith('random.')) return;
      const name = callee.slice('random.'.length);
      if (!randomFunctions.has(name)) return;
      const purpose = purposeWords(call, context.model);
      const match = securityWords.exec(purpose);
      if (!match || isTestCode(context.model, call)) return;
      const built = buildFix(call, name, context);
      context.report({
        node: call,
        message: `\`random.${name}\` is predictable, and this value looks like a security value (\`${match[0]}\`): an attacker who sees enough outputs can compute the next. Use the \`secrets\` module.`,
        confidence: 'medium',
        fix: typeof built === 'string' ? undefined : built,
        fixUnavailable: typeof built === 'string' ? built : undefined,
      });
    },
  },
};
