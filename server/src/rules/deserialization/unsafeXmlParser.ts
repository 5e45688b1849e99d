/**
 * ## What it does
 * Flags XML parsed from a value that is not a constant with the standard library parsers
 * (`xml.etree.ElementTree`, `xml.dom.minidom`, `xml.dom.pulldom`, `xml.sax`, `expatbuilder`,
 * `expatreader`) or `lxml.etree`, and XML-RPC clients and servers in files that never call
 * `defusedxml.xmlrpc.monkey_patch()`.
 *
 * ## Why is this bad?
 * XML can define entities that expand to gigabytes ("billion laughs") and, depending on parser
 * and options, entities that read local files or URLs (XXE). The standard library parsers are
 * only as safe as the expat they are built with, and `lxml` resolves entities by default.
 * `defusedxml` wraps the same APIs and refuses these constructs.
 *
 * ## Example
 * ```python
 * import xml.etree.ElementTree as ET
 * root = ET.fromstring(request.data)
 * ```
 *
 * ## Use instead
 * ```python
 * import defusedxml.ElementTree
 * root = defusedxml.ElementTree.fromstring(request.data)
 * ```
 * For lxml, parse with `lxml.etree.XMLParser(resolve_entities=False, no_network=True)`.
 *
 * ## References
 * - CWE-776: Improper Restriction of Recursive Entity References in DTDs ('XML Entity Expansion')
 * - CWE-611: Improper Restriction of XML External Entity Reference
 * - OWASP Top 10 2021 A05: Security Misconfiguration
 */
import type { Node } from '../../parser/parser';
import { ensureModuleImported } from '../../fixes/python';
import type { Fix, Rule, RuleContext } from '../../ruleApi/types';
import { argumentValue, isConstant } from '../../semantic/calls';
import { isTestCode, valueConfidence } from '../shared';
import { unsafeFix } from '../../fixes/fix';

/** Standard library module → its defusedxml equivalent, and the functions both have. */
const defused: Record<string, { module: string; functions: string[] }> = {
  'xml.etree.ElementTree': {
    module: 'defusedxml.ElementTree',
    functions: ['parse', 'iterparse', 'fromstring', 'XML', 'XMLParser'],
  },
  'xml.etree.cElementTree': {
    module: 'defusedxml.ElementTree',
    functions: ['parse', 'iterparse', 'fromstring', 'XML', 'XMLParser'],
  },
  'xml.dom.minidom': { module: 'defusedxml.minidom', functions: ['parse', 'parseString'] },
  'xml.dom.pulldom': { module: 'defusedxml.pulldom', functions: ['parse', 'parseString'] },
  'xml.sax': { module: 'defusedxml.sax', functions: ['parse', 'parseString', 'make_parser'] },
  'xml.dom.expatbuilder': { module: 'defusedxml.expatbuilder', functions: ['parse', 'parseString'] },
  'xml.sax.expatreader': { module: 'defusedxml.expatreader', functions: ['create_parser'] },
};
const lxmlParsers = new Set(['lxml.etree.parse', 'lxml.etree.fromstring', 'lxml.etree.XML', 'lxml.etree.iterparse']);
/** Calls that take no document (a parser factory): reported regardless of arguments. */
const factories = new Set(['XMLParser', 'make_parser', 'create_parser']);
const xmlRpc = new Set([
  'xmlrpc.client.ServerProxy',
  'xmlrpclib.ServerProxy',
  'xmlrpc.server.SimpleXMLRPCServer',
  'SimpleXMLRPCServer.SimpleXMLRPCServer',
  'xmlrpc.server.DocXMLRPCServer',
]);

/** Every function name of the parser APIs above. */
const apiNames = new Set(Object.values(defused).flatMap((entry) => entry.functions));

/**
 * Why this file cannot take a third-party dependency, or undefined. Rules do not see the file's
 * path, so the signal is in the code: a module-level function named like a parser API (`parse`,
 * `parseString`, `fromstring`, `make_parser`, ...) that calls the standard library parser implements
 * that API itself, as the standard library's own `xml.dom.minidom` (`parse` on
 * `expatbuilder.parse`) and `xml.dom.pulldom` (`parse` on `xml.sax.make_parser`) do: rewriting them
 * to import defusedxml broke everything that imports them (CPython's test_minidom, test_pulldom).
 * An application's own `def parse(...)` wrapper gets no fix either; the finding stays. CPython's
 * test suite itself imports `test.support` and is test code, which this rule does not report.
 */
function cannotDependOnThirdParty(call: Node): string | undefined {
  let outermost: Node | undefined;
  for (let current: Node | null = call.parent; current; current = current.parent)
    if (current.type === 'function_definition') outermost = current;
  const name =
    outermost?.parent?.type === 'module' || outermost?.parent?.parent?.type === 'module'
      ? outermost.childForFieldName('name')?.text
      : undefined;
  if (name && apiNames.has(name))
    return `this module defines \`${name}\` itself on top of the standard library parser (as \`xml.dom.minidom\` and \`xml.dom.pulldom\` do): a standard library module cannot import defusedxml`;
  return undefined;
}

function buildFix(call: Node, target: string, context: RuleContext): Fix | string {
  const standalone = cannotDependOnThirdParty(call);
  if (standalone) return standalone;
  const imported = ensureModuleImported(context, target.slice(0, target.lastIndexOf('.')), call);
  if (!imported) return 'the name `defusedxml` is already used for something else in this file';
  const fn = call.childForFieldName('function')!;
  return unsafeFix(`Parse with ${target}`, 'adds the defusedxml dependency', [
    ...imported.edits,
    { start: fn.startIndex, end: fn.endIndex, newText: target },
  ]);
}

export const unsafeXmlParser: Rule = {
  meta: {
    id: 'PSG720',
    name: 'unsafe-xml-parser',
    title: 'XML parsed without protection against entity attacks',
    defaultSeverity: 'warning',
    cwe: 776,
    owasp: 'A05:2021-Security Misconfiguration',
    checklistItem: 'input-validated',
    bandit: [
      'B313',
      'B314',
      'B315',
      'B316',
      'B317',
      'B318',
      'B319',
      'B320',
      'B405',
      'B406',
      'B407',
      'B408',
      'B409',
      'B410',
      'B411',
    ],
    ruff: [
      'S313',
      'S314',
      'S315',
      'S316',
      'S317',
      'S318',
      'S319',
      'S320',
      'S405',
      'S406',
      'S407',
      'S408',
      'S409',
      'S410',
      'S411',
    ],
    fixable: true,
    fixes: [
      {
        title: 'Parse with <defusedxml parser>',
        applicability: 'unsafe',
        why: 'Adds the defusedxml dependency (ModuleNotFoundError where it is not installed) and refuses documents with entity declarations.',
      },
    ],
  },
  triggers: ['xml', 'etree', 'minidom', 'sax', 'pulldom', 'expat', 'ElementTree'],
  visitors: {
    call(call, context) {
      const callee = context.model.calleeName(call);
      if (!callee || isTestCode(context.model, call)) return;
      if (xmlRpc.has(callee)) {
        if (context.textMatches(/defusedxml\.xmlrpc/) && context.textMatches(/monkey_patch\s*\(/)) return;
        context.report({
          node: call,
          message:
            'XML-RPC parses XML from the other side with the standard library parser: entity expansion can exhaust memory. Call `defusedxml.xmlrpc.monkey_patch()` at startup.',
          confidence: 'low',
        });
        return;
      }
      const dot = callee.lastIndexOf('.');
      const module = callee.slice(0, dot);
      const name = callee.slice(dot + 1);
      const safe = defused[module];
      const isLxml = lxmlParsers.has(callee);
      if (!isLxml && !safe?.functions.includes(name)) return;
      if (!factories.has(name)) {
        const source =
          argumentValue(call, 0, 'source') ??
          argumentValue(call, 0, 'text') ??
          argumentValue(call, 0, 'string') ??
          argumentValue(call, 0, 'file');
        if (!source || isConstant(context.model, source)) return;
      } else if (isLxml) return;
      if (isLxml) {
        if (argumentValue(call, 1, 'parser')) return;
        context.report({
          node: call,
          message:
            '`lxml` resolves entities by default: a document can read local files (XXE) or expand without bound. Pass `parser=lxml.etree.XMLParser(resolve_entities=False, no_network=True)`.',
          confidence: 'low',
        });
        return;
      }
      const source = factories.has(name) ? undefined : argumentValue(call, 0);
      const confidence = source ? valueConfidence(context.model, source) : 'low';
      const target = `${safe.module}.${name}`;
      const built = buildFix(call, target, context);
      context.report({
        node: call,
        message: `\`${callee}\` has no protection against entity expansion ("billion laughs") on older expat, or against external entities where enabled. Use \`${target}\` (the \`defusedxml\` package).`,
        confidence,
        fix: typeof built === 'string' ? undefined : built,
        fixUnavailable: typeof built === 'string' ? built : undefined,
      });
    },
  },
};
