/**
 * ## What it does
 * Flags deserializers that can run code while loading: `pickle`/`cPickle`/`_pickle`, `dill`,
 * `shelve`, `marshal`, `jsonpickle.decode`, `pandas.read_pickle`, `joblib.load`, and
 * `numpy.load` with `allow_pickle=True` (its default refuses pickled object arrays). Confidence
 * says where the data comes from: high from the request, medium from a file or another service,
 * low when its origin is not visible (a parameter, a name from elsewhere).
 *
 * ## Why is this bad?
 * A pickle is a small program: loading it can call any function with any arguments
 * (`os.system`, for one). Whoever can write the bytes, through an upload, a cache, a queue or a
 * file another user can change, runs code in your process. `marshal` is not meant for untrusted
 * data either: malformed input can crash the interpreter.
 *
 * ## Example
 * ```python
 * session = pickle.loads(base64.b64decode(request.cookies["session"]))
 * ```
 *
 * ## Use instead
 * ```python
 * session = json.loads(base64.b64decode(request.cookies["session"]))
 * ```
 * If pickles must cross a trust boundary, sign them (`hmac`) and check the signature before
 * loading.
 *
 * ## References
 * - CWE-502: Deserialization of Untrusted Data
 * - OWASP Top 10 2021 A08: Software and Data Integrity Failures
 */
import type { Node } from '../../parser/parser';
import type { Confidence, Rule, RuleContext } from '../../ruleApi/types';
import { argumentValue, keywordValue } from '../../semantic/calls';
import { isTestCode, valueConfidence } from '../shared';

const loaders = new Set([
  ...['pickle', 'cPickle', '_pickle', 'dill', 'cloudpickle'].flatMap((m) => [
    `${m}.load`,
    `${m}.loads`,
    `${m}.Unpickler`,
  ]),
  'shelve.open',
  'shelve.DbfilenameShelf',
  'marshal.load',
  'marshal.loads',
  'jsonpickle.decode',
  'jsonpickle.unpickler.decode',
  'pandas.read_pickle',
  'joblib.load',
  'numpy.load',
]);

/** `numpy.load` unpickles object arrays only when asked to. */
function picklesAllowed(call: Node): boolean {
  const value = keywordValue(call, 'allow_pickle');
  return value?.type === 'true' || (value?.type === 'integer' && value.text !== '0');
}

/** `pickle.loads(pickle.dumps(x))`, or a name assigned from `dumps` just before: bytes the program made itself. */
function producedBySerializer(source: Node, context: RuleContext): boolean {
  const value = source.type === 'identifier' ? context.model.assignedValue(source) : source;
  if (value?.type !== 'call') return false;
  const callee = context.model.calleeName(value);
  return !!callee && /^(?:pickle|cPickle|_pickle|dill|cloudpickle|marshal|jsonpickle)\.(?:dumps|encode)$/.test(callee);
}

/**
 * High for data from the request (or another strong source), medium for data from a weak source (a file, another
 * service, the command line), low when its origin is not visible (a parameter, a value from elsewhere).
 */
function dataConfidence(context: RuleContext, source: Node): Confidence {
  if (valueConfidence(context.model, source) === 'high') return 'high';
  const taint = context.model.taintOf(source, 'deserialization');
  if (taint.level !== 'tainted') return 'low';
  return taint.source?.strength === 'strong' ? 'high' : 'medium';
}

export const unsafeDeserialization: Rule = {
  meta: {
    id: 'PSG701',
    name: 'unsafe-deserialization',
    title: 'Data loaded with a deserializer that can run code',
    defaultSeverity: 'warning',
    cwe: 502,
    owasp: 'A08:2021-Software and Data Integrity Failures',
    checklistItem: 'input-validated',
    bandit: ['B301', 'B302', 'B403'],
    ruff: ['S301', 'S302', 'S403'],
    fixable: false,
  },
  triggers: ['pickle', 'Pickle', 'dill', 'shelve', 'marshal', 'jsonpickle', 'joblib', 'allow_pickle'],
  visitors: {
    call(call, context) {
      const callee = context.model.calleeName(call);
      if (!callee || !loaders.has(callee) || isTestCode(context.model, call)) return;
      if (callee === 'numpy.load' && !picklesAllowed(call)) return;
      const source = argumentValue(call, 0);
      if (source && producedBySerializer(source, context)) return;
      const confidence = source ? dataConfidence(context, source) : 'low';
      const module = callee.split('.')[0];
      context.report({
        node: call,
        message: `\`${callee}\` can run arbitrary code while loading${confidence === 'high' ? ', and this data comes from the request' : ''}: only load data that no one else can write. Use JSON (or another data-only format) across trust boundaries${module === 'marshal' ? '' : ', or sign the bytes and verify before loading'}.`,
        confidence,
      });
    },
  },
};
