/**
 * ## What it does
 * Flags MongoDB queries that untrusted data can turn into other queries: a `$where` (or
 * `$function`/`$accumulator`) clause built from a value that is not a constant, a whole filter
 * taken from the request (`find(request.json)`), a filter key taken from the request, and a filter
 * value from parsed JSON, which can be an operator object (`{"$ne": null}`) instead of a string.
 * Collections of pymongo, Motor, Flask-PyMongo and mongomock are recognised. Values converted
 * with `str()` or `ObjectId()` are not reported.
 *
 * ## Why is this bad?
 * `$where` runs JavaScript on the database server: a value spliced into it runs the caller's code
 * (`'; sleep(5000); '`). A filter or a key from the request can name any operator, and a JSON value
 * of `{"$ne": ""}` for a password turns `find_one({"user": u, "password": p})` into "any
 * password": a login bypass.
 *
 * ## Example
 * ```python
 * data = request.get_json()
 * user = db.users.find_one({"name": data["name"], "password": data["password"]})
 * ```
 *
 * ## Use instead
 * ```python
 * data = request.get_json()
 * user = db.users.find_one({"name": str(data["name"]), "password": str(data["password"])})
 * ```
 * Build `$where` conditions with query operators (`$eq`, `$regex`, `$expr`) instead of JavaScript.
 *
 * ## References
 * - CWE-943: Improper Neutralization of Special Elements in Data Query Logic
 * - OWASP Top 10 2021 A03: Injection
 */
import type { Node } from '../../parser/parser';
import type { Fix, Rule, RuleContext } from '../../ruleApi/types';
import { unsafeFix } from '../../fixes/fix';
import { callArguments, calledFunction, literalString, methodName } from '../../semantic/calls';
import { describeFlow, isTestCode, reportTaintedSink, type TaintVerdict } from '../shared';

const mongoModules = /^(?:pymongo|motor|flask_pymongo|mongomock|mongoengine)(?:\.|$)/;
/** Collection methods and the position of their filter. */
const filterMethods: ReadonlyMap<string, number> = new Map([
  ['find', 0],
  ['find_one', 0],
  ['find_raw_batches', 0],
  ['find_one_and_delete', 0],
  ['find_one_and_replace', 0],
  ['find_one_and_update', 0],
  ['count_documents', 0],
  ['delete_one', 0],
  ['delete_many', 0],
  ['update_one', 0],
  ['update_many', 0],
  ['replace_one', 0],
  ['distinct', 1],
  ['aggregate', 0],
]);
/** Operators whose value is JavaScript run by the server. */
const javascriptOperators = new Set(['$where', '$function', '$accumulator']);
/** Where a value can be an object rather than a string: parsed JSON and other structured bodies. */
const structured = /json|loads|media|msgpack|yaml|to_dict|\.dict\(|model_dump/i;

/** The filter (or pipeline) a collection call runs, when the call is a MongoDB collection method. */
function mongoFilter(call: Node, context: RuleContext): Node | undefined {
  const method = methodName(call);
  const position = method === undefined ? undefined : filterMethods.get(method);
  if (position === undefined) return undefined;
  const receiverNode = calledFunction(call)?.childForFieldName('object');
  if (!receiverNode || context.model.stringShape(receiverNode).isString) return undefined;
  const receiver = context.model.resolvedPath(receiverNode);
  if (receiver ? !mongoModules.test(receiver) : ![...context.model.importedModules].some((m) => mongoModules.test(m)))
    return undefined;
  const filter = callArguments(call).find(position, method === 'aggregate' ? 'pipeline' : 'filter');
  // `str.find(sub)` and friends take text, which a MongoDB filter never is.
  if (!filter || (!receiver && context.model.stringShape(filter).isString)) return undefined;
  return filter;
}

/** The dictionary a filter is written as: the literal itself, or the literal a name was assigned. */
function dictionaryOf(filter: Node, context: RuleContext): Node | undefined {
  if (filter.type === 'dictionary') return filter;
  if (filter.type === 'identifier') {
    const value = context.model.assignedValue(filter);
    if (value?.type === 'dictionary') return value;
  }
  return undefined;
}

function isStructured(verdict: TaintVerdict, value: Node): boolean {
  if (verdict.taint.level !== 'tainted') return false;
  const said = [value.text, verdict.taint.source?.label ?? '', ...verdict.taint.steps.map((step) => step.message)];
  return said.some((text) => structured.test(text));
}

function stringFix(value: Node): Fix {
  return unsafeFix('Convert the value with str()', 'a number or a list sent for it no longer matches', [
    { start: value.startIndex, end: value.endIndex, newText: `str(${value.text})` },
  ]);
}

function reportPairs(dictionary: Node, call: Node, context: RuleContext, depth: number): void {
  for (const pair of dictionary.namedChildren) {
    if (pair?.type !== 'pair') continue;
    const key = pair.childForFieldName('key');
    const value = pair.childForFieldName('value');
    if (!key || !value) continue;
    const keyText = literalString(context.model, key);
    if (keyText !== undefined && javascriptOperators.has(keyText)) continue; // the `pair` visitor's
    if (
      keyText === undefined &&
      reportTaintedSink(context, {
        kind: 'nosql',
        values: [key],
        sink: call,
        reportUnknown: false,
        message: (verdict, label) =>
          `${describeFlow(verdict, label)} as a filter key: a key such as \`$where\` or \`$expr\` turns the filter into another query. Map the request's field to one of a fixed set of keys.`,
        fixUnavailable: 'the allowed keys depend on the application',
      })
    )
      continue;
    if (value.type === 'dictionary' && depth < 2) {
      reportPairs(value, call, context, depth + 1);
      continue;
    }
    reportTaintedSink(context, {
      kind: 'nosql',
      values: [value],
      sink: call,
      reportUnknown: false,
      accept: (verdict) => isStructured(verdict, value),
      message: (verdict, label) =>
        `${describeFlow(verdict, label)} as a filter value from parsed JSON: an object such as \`{"$ne": null}\` there is a query operator, not a value, and matches every document. Convert it with \`str()\` (or validate its type).`,
      fix: () => stringFix(value),
    });
  }
}

export const nosqlInjection: Rule = {
  meta: {
    id: 'PSG142',
    name: 'nosql-injection',
    title: 'MongoDB query built from untrusted data',
    defaultSeverity: 'error',
    cwe: 943,
    owasp: 'A03:2021-Injection',
    checklistItem: 'input-validated',
    bandit: [],
    ruff: [],
    fixable: true,
    fixes: [
      {
        title: 'Convert the value with str()',
        applicability: 'unsafe',
        why: 'The filter value becomes text: an operator object (`{"$ne": null}`) matches nothing instead of everything, and so does a number or a list that a legitimate client sent.',
      },
    ],
  },
  triggers: ['find', 'count_documents', 'delete_', 'update_', 'replace_one', 'distinct', 'aggregate', '$where'],
  visitors: {
    pair(pair, context) {
      const keyText = literalString(context.model, pair.childForFieldName('key') ?? undefined);
      const value = pair.childForFieldName('value');
      if (!keyText || !javascriptOperators.has(keyText) || !value || isTestCode(context.model, pair)) return;
      reportTaintedSink(context, {
        kind: 'code',
        values: [value],
        sink: value,
        label: keyText,
        message: (verdict) => {
          const what =
            verdict.taint.level === 'tainted'
              ? `${describeFlow(verdict, keyText)}, which MongoDB runs as JavaScript`
              : `\`${keyText}\` runs JavaScript built from a value that is not a constant`;
          return `${what}: a quote in the value ends the string and runs the caller's code on the database server. Express the condition with query operators (\`$eq\`, \`$regex\`, \`$expr\`) and pass values as data.`;
        },
        fixUnavailable: 'the condition has to be rewritten with query operators',
      });
    },
    call(call, context) {
      const filter = mongoFilter(call, context);
      if (!filter || isTestCode(context.model, call)) return;
      const dictionary = dictionaryOf(filter, context);
      if (dictionary) {
        reportPairs(dictionary, call, context, 0);
        return;
      }
      if (filter.type === 'list') {
        // A pipeline written out: each stage is a dictionary (`{"$match": {...}}`).
        for (const stage of filter.namedChildren)
          if (stage?.type === 'dictionary') reportPairs(stage, call, context, 0);
        return;
      }
      // One field of the query string (`request.args["q"]`) is text, which is no filter at all.
      const oneField =
        filter.type === 'subscript' || (filter.type === 'call' && /^(?:get|getlist)$/.test(methodName(filter) ?? ''));
      reportTaintedSink(context, {
        kind: 'nosql',
        values: [filter],
        sink: call,
        reportUnknown: false,
        accept: (verdict) => !oneField || isStructured(verdict, filter),
        message: (verdict, label) =>
          `${describeFlow(verdict, label)} as the whole query: the caller chooses every operator, including \`$where\` (JavaScript) and \`$ne\` (match anything). Build the filter from the fields you expect, each converted to its type.`,
        fixUnavailable: 'the fields the query should allow depend on the application',
      });
    },
  },
};
