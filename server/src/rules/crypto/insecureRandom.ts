/**
 * ## What it does
 * Flags predictable values used as tokens, passwords, keys, salts, nonces, one-time codes, session
 * ids or cookies. A call of the `random` module, of a `random.Random()` or `numpy.random`
 * generator, or `uuid.uuid1()` is reported where its value is assigned to, passed as, or returned
 * from something with such a name. The rule also follows such values (and `time.time()` turned
 * into text) through variables, `str()`, formatting, joining and hashing into security values:
 * names like those above, `session[...]`, `set_cookie` values, `hmac` and cipher keys,
 * `jwt.encode` keys and password-hashing salts.
 *
 * ## Why is this bad?
 * `random` is a Mersenne Twister: fast and statistically fine, but predictable. After seeing 624
 * outputs an attacker can compute every past and future one, so reset tokens and one-time codes
 * made with it can be guessed. `uuid1()` is the clock and the host's MAC address, and a hash of
 * `time.time()` is a hash of a value the attacker can narrow to a few thousand guesses: hashing
 * hides neither.
 *
 * ## Example
 * ```python
 * reset_token = "".join(random.choice(ALPHABET) for _ in range(32))
 * otp = random.randint(100000, 999999)
 * n = random.getrandbits(64)
 * response.set_cookie("sid", hashlib.sha256(str(n).encode()).hexdigest())
 * ```
 *
 * ## Use instead
 * ```python
 * reset_token = "".join(secrets.choice(ALPHABET) for _ in range(32))  # or secrets.token_urlsafe(32)
 * otp = secrets.randbelow(900000) + 100000
 * response.set_cookie("sid", secrets.token_hex(32))
 * ```
 *
 * ## References
 * - CWE-338: Use of Cryptographically Weak Pseudo-Random Number Generator (PRNG)
 * - OWASP Top 10 2021 A02: Cryptographic Failures
 */
import type { Node } from '../../parser/parser';
import { ensureModuleImported } from '../../fixes/python';
import type { ModelView } from '../../semantic/model';
import type { Fix, FlowStep, Rule, RuleContext } from '../../ruleApi/types';
import {
  argumentsOf,
  argumentValue,
  calledFunction,
  hasSplat,
  keywordValue,
  literalString,
  methodName,
} from '../../semantic/calls';
import { isTestCode, positionalArguments, purposeWords } from '../shared';
import { unsafeFix } from '../../fixes/fix';
import { assignedTarget, assignedValue } from '../../semantic/assignments';

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
export const securityWords =
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
  const imported = ensureModuleImported(context, 'secrets', call);
  if (!imported) return 'the name `secrets` is already used for something else in this file';
  return unsafeFix('Use the secrets module', 'values can no longer be reproduced with random.seed', [
    ...imported.edits,
    { start: call.startIndex, end: call.endIndex, newText: text },
  ]);
}

/** Names of times and durations: `token_expiry`, `session_created_at` hold a time on purpose. */
const timeWords = /expir|time|ttl|_at\b|date|age\b|deadline|until|stamp|count|length|len\b|size|timeout|retr/i;

type WeakKind = 'random' | 'numpy' | 'uuid1' | 'time';
interface WeakSource {
  call: Node;
  kind: WeakKind;
  /** How the call reads in a message: `random.getrandbits`, `uuid.uuid1`. */
  label: string;
  /** The `random` module function, when the call is one (the `secrets` fix is for those). */
  randomFunction?: string;
}

const numpyFunctions =
  /^(?:rand|randn|randint|random|random_sample|ranf|sample|choice|bytes|permutation|shuffle|integers|uniform|normal)$/;

/** The predictable generator a call is, if any. */
function weakSource(call: Node, model: ModelView): WeakSource | undefined {
  const callee = model.calleeName(call);
  if (callee?.startsWith('random.') && randomFunctions.has(callee.slice(7)))
    return { call, kind: 'random', label: callee, randomFunction: callee.slice(7) };
  if (callee === 'uuid.uuid1') return { call, kind: 'uuid1', label: callee };
  if (callee?.startsWith('numpy.random.') && numpyFunctions.test(callee.slice(13)))
    return { call, kind: 'numpy', label: callee };
  if (callee && /^(?:time\.time(?:_ns)?|datetime\.datetime\.(?:now|utcnow|today))$/.test(callee))
    return { call, kind: 'time', label: callee };
  const method = methodName(call);
  // The receiver is resolved only for a method a generator or a date has.
  if (!method || !(randomFunctions.has(method) || numpyFunctions.test(method) || method === 'timestamp'))
    return undefined;
  const receiver = model.resolvedPath(calledFunction(call)?.childForFieldName('object'));
  if (!receiver) return undefined;
  if (/^random\.Random\(\)$/.test(receiver) && randomFunctions.has(method))
    return { call, kind: 'random', label: `random.Random().${method}` };
  if (/^numpy\.random\.(?:default_rng|RandomState|Generator)\(\)$/.test(receiver) && numpyFunctions.test(method))
    return { call, kind: 'numpy', label: `${receiver}.${method}` };
  if (/^datetime\.datetime\.(?:now|utcnow|today)\(\)$/.test(receiver) && method === 'timestamp')
    return { call, kind: 'time', label: 'datetime.now().timestamp' };
  return undefined;
}

/** Calls whose result is their arguments (and receiver) turned into text, a digest or a number. */
const carrierMethods = new Set([
  'hexdigest',
  'digest',
  'encode',
  'decode',
  'hex',
  'join',
  'format',
  'upper',
  'lower',
  'replace',
  'strip',
  'zfill',
  'rjust',
  'ljust',
  'to_bytes',
]);
const carrierCallees =
  /^(?:builtins\.(?:str|repr|hex|oct|bytes|format|int|abs|round|float)|hashlib\.\w+|base64\.\w+|binascii\.\w+|hmac\.new|hmac\.digest)$/;

interface Traced {
  source: WeakSource;
  /** Assignments on the way, source first. */
  hops: FlowStep[];
  /** Became text or a digest on the way (a time only matters then). */
  textual: boolean;
}

const MAX_TRACE_DEPTH = 10;

/** Follows a value back through names, formatting, joining and hashing to a predictable generator. */
function trace(node: Node, model: ModelView, depth = 0, seen = new Set<number>()): Traced | undefined {
  if (depth > MAX_TRACE_DEPTH || seen.has(node.id)) return undefined;
  seen.add(node.id);
  switch (node.type) {
    case 'call': {
      const source = weakSource(node, model);
      if (source) return { source, hops: [], textual: false };
      const callee = model.calleeName(node);
      const method = methodName(node);
      // A method of a value (`str(n).encode()`, `sha.hexdigest()`); a module's function (`jwt.encode`) is not one.
      const carries = callee ? carrierCallees.test(callee) : !!method && carrierMethods.has(method);
      if (!carries) return undefined;
      const inputs = [...argumentsOf(node)];
      const fn = calledFunction(node);
      if (fn?.type === 'attribute') inputs.push(fn.childForFieldName('object')!);
      for (const input of inputs) {
        const value = input.type === 'keyword_argument' ? input.childForFieldName('value') : input;
        const found = value && trace(value, model, depth + 1, seen);
        if (found)
          return { ...found, textual: found.textual || !/builtins\.(?:int|abs|round|float)$/.test(callee ?? '') };
      }
      return undefined;
    }
    case 'identifier': {
      for (const binding of model.reachingBindings(node.text, node)) {
        if (binding.kind !== 'assignment' && binding.kind !== 'augmented') continue;
        // A security-named variable is a sink of its own, reported where it is assigned.
        if (securityWords.test(binding.name) && !timeWords.test(binding.name)) return undefined;
        const found = trace(binding.value, model, depth + 1, seen);
        if (found)
          return {
            ...found,
            hops: [
              ...found.hops,
              { start: binding.node.startIndex, end: binding.node.endIndex, message: `\`${binding.name}\` holds it` },
            ],
          };
      }
      return undefined;
    }
    case 'string':
    case 'concatenated_string':
    case 'binary_operator': {
      const shape = model.stringShape(node);
      if (shape.isString) {
        for (const hole of shape.holes) {
          const found = trace(hole.expression, model, depth + 1, seen);
          if (found) return { ...found, textual: true };
        }
        return undefined;
      }
      break;
    }
    case 'for_in_clause':
    case 'lambda':
      return undefined;
    default:
      break;
  }
  for (const child of node.namedChildren) {
    const found = child && trace(child, model, depth + 1, seen);
    if (found) return found;
  }
  return undefined;
}

/** The security value a node stands for, when it is one: the words that say so. */
function securityName(text: string): string | undefined {
  const match = securityWords.exec(text);
  return match && !timeWords.test(text) ? match[0] : undefined;
}

/** Calls that take a key, salt or cookie value, and where. */
const keyedCalls: ReadonlyMap<string, { index: number; name: string; what: string }> = new Map([
  ['hmac.new', { index: 0, name: 'key', what: 'an HMAC key' }],
  ['hmac.HMAC', { index: 0, name: 'key', what: 'an HMAC key' }],
  ['hmac.digest', { index: 0, name: 'key', what: 'an HMAC key' }],
  ['cryptography.fernet.Fernet', { index: 0, name: 'key', what: 'a Fernet key' }],
  ['Crypto.Cipher.AES.new', { index: 0, name: 'key', what: 'an AES key' }],
  ['Cryptodome.Cipher.AES.new', { index: 0, name: 'key', what: 'an AES key' }],
  ['jwt.encode', { index: 1, name: 'key', what: 'a JWT signing key' }],
  ['hashlib.pbkdf2_hmac', { index: 2, name: 'salt', what: 'a password-hashing salt' }],
  ['hashlib.scrypt', { index: -1, name: 'salt', what: 'a password-hashing salt' }],
]);

const isSession = (node: Node | null, model: ModelView) =>
  !!node &&
  (model.qualifiedName(node) === 'flask.session' ||
    (node.type === 'attribute' &&
      node.childForFieldName('attribute')?.text === 'session' &&
      /request$/.test(node.childForFieldName('object')?.text ?? '')));

/** Reports a predictable value that reaches `value`, a security value described by `what`. */
function reportFlow(value: Node, what: string, context: RuleContext): void {
  const found = trace(value, context.model);
  if (!found) return;
  const { source } = found;
  if (source.kind === 'time' && !found.textual) return;
  // Reported at the generator already when its own name or keyword says what it is for.
  if (source.kind !== 'time' && securityWords.test(purposeWords(source.call, context.model))) return;
  if (isTestCode(context.model, value)) return;
  const built = source.randomFunction
    ? buildFix(source.call, source.randomFunction, context)
    : fixOther(source, context);
  const through = found.hops.length
    ? ` (through ${found.hops
        .map((hop) => hop.message.split('`')[1])
        .map((n) => `\`${n}\``)
        .join(', ')})`
    : '';
  const why =
    source.kind === 'time'
      ? 'the clock is no secret: hashing or formatting it does not make it unpredictable'
      : source.kind === 'uuid1'
        ? "`uuid1()` is made of the clock and the host's MAC address"
        : 'an attacker who sees enough outputs of this generator can compute the next';
  context.report({
    node: value,
    message: `\`${source.label}()\`${through} becomes ${what}: ${why}. Use the \`secrets\` module (\`secrets.token_hex()\`, \`secrets.token_urlsafe()\`).`,
    confidence: 'medium',
    flow: [
      {
        start: source.call.startIndex,
        end: source.call.endIndex,
        message: `a predictable value from \`${source.label}()\``,
      },
      ...found.hops,
      { start: value.startIndex, end: value.endIndex, message: `becomes ${what}` },
    ],
    fix: typeof built === 'string' ? undefined : built,
    fixUnavailable: typeof built === 'string' ? built : undefined,
  });
}

/** `uuid.uuid1()` → `uuid.uuid4()`; nothing for the others. */
function fixOther(source: WeakSource, context: RuleContext): Fix | string {
  if (source.kind === 'uuid1') {
    const fn = calledFunction(source.call);
    if (fn?.type !== 'attribute' || argumentsOf(source.call).length)
      return 'use `uuid.uuid4()` or `secrets.token_hex()`';
    const attribute = fn.childForFieldName('attribute')!;
    if (context.model.qualifiedName(fn.childForFieldName('object')) !== 'uuid')
      return 'use `uuid.uuid4()` or `secrets.token_hex()`';
    return unsafeFix('Use uuid.uuid4()', 'the id no longer carries the time and the MAC address', [
      { start: attribute.startIndex, end: attribute.endIndex, newText: 'uuid4' },
    ]);
  }
  if (source.kind === 'time') return "replace the clock with `secrets.token_hex()`; the value's format changes";
  return `\`${source.label}\` has no drop-in \`secrets\` equivalent (its values' type and distribution differ); use \`secrets.token_hex()\`, \`secrets.token_urlsafe()\` or \`secrets.randbelow()\``;
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
      {
        title: 'Use uuid.uuid4()',
        applicability: 'unsafe',
        why: 'A random UUID replaces the time-and-MAC one: code that reads `.time` or `.node` from it, or sorts ids by creation time, sees different values.',
      },
    ],
  },
  triggers: ['random', 'uuid1', 'time', 'now'],
  visitors: {
    call(call, context) {
      const source = weakSource(call, context.model);
      if (source && source.kind !== 'time') {
        const purpose = purposeWords(call, context.model);
        const match = securityWords.exec(purpose);
        if (match && !isTestCode(context.model, call)) {
          const built = source.randomFunction
            ? buildFix(call, source.randomFunction, context)
            : fixOther(source, context);
          const what =
            source.kind === 'uuid1'
              ? '`uuid.uuid1()` is made of the clock and the MAC address'
              : `\`${source.label}\` is predictable`;
          context.report({
            node: call,
            message: `${what}, and this value looks like a security value (\`${match[0]}\`): an attacker who sees enough outputs can compute the next. Use the \`secrets\` module.`,
            confidence: 'medium',
            fix: typeof built === 'string' ? undefined : built,
            fixUnavailable: typeof built === 'string' ? built : undefined,
          });
        }
        return;
      }
      if (source) return;
      // Calls that take a key, a salt or a cookie value.
      const callee = context.model.calleeName(call);
      const keyed = callee ? keyedCalls.get(callee) : undefined;
      if (keyed) {
        const value = keyed.index >= 0 ? argumentValue(call, keyed.index, keyed.name) : keywordValue(call, keyed.name);
        if (value) reportFlow(value, keyed.what, context);
      }
      if (methodName(call) === 'set_cookie') {
        const value = argumentValue(call, 1, 'value');
        if (value) reportFlow(value, 'a cookie value', context);
      }
      for (const argument of argumentsOf(call)) {
        if (argument.type !== 'keyword_argument') continue;
        const name = argument.childForFieldName('name')?.text ?? '';
        const word = securityName(name);
        const value = argument.childForFieldName('value');
        if (word && value && !(keyed && name === keyed.name)) reportFlow(value, `a \`${name}\``, context);
      }
    },
    assignment(assignment, context) {
      const left = assignedTarget(assignment);
      const right = assignedValue(assignment);
      if (!left || !right || right.type === 'assignment') return;
      if (left.type === 'subscript') {
        const object = left.childForFieldName('value');
        const key = left.childForFieldName('subscript');
        const keyText = key ? literalString(context.model, key) : undefined;
        // A session value that identifies or protects: `session["csrf"]`, `session["oauth_state"]`, `session["user_id"]`.
        if (
          isSession(object, context.model) &&
          keyText &&
          (securityName(keyText) || /state|(?:^|_)id$/i.test(keyText))
        ) {
          reportFlow(right, `the session value \`${keyText}\``, context);
          return;
        }
        if (keyText && securityName(keyText)) reportFlow(right, `\`${keyText}\``, context);
        return;
      }
      if (left.type !== 'identifier' && left.type !== 'attribute') return;
      const name = left.type === 'identifier' ? left.text : (left.childForFieldName('attribute')?.text ?? '');
      if (securityName(name)) reportFlow(right, `\`${left.text}\``, context);
    },
    return_statement(statement, context) {
      const value = statement.namedChildren[0];
      const fn = context.model.enclosingFunction(statement);
      const name = fn?.childForFieldName('name')?.text ?? '';
      if (value && fn && securityName(name)) reportFlow(value, `the result of \`${name}()\``, context);
    },
  },
};
