/**
 * ## What it does
 * Flags XML parsers configured to fetch external entities or DTDs: lxml's `XMLParser`,
 * `XMLPullParser`, `iterparse` and `XSLTAccessControl` with `resolve_entities=True`,
 * `no_network=False`, `load_dtd=True`, `dtd_validation=True` or `huge_tree=True` (DTD options are
 * not reported when `resolve_entities=False` is also given); `xml.sax` parsers with the
 * `feature_external_ges`/`feature_external_pes` features turned on; and
 * `xmltodict.parse(..., disable_entities=False)`. A parser configured safely is not reported.
 *
 * ## Why is this bad?
 * An external entity (`<!ENTITY x SYSTEM "file:///etc/passwd">`) makes the parser read a local
 * file or a URL and put its content into the document (XXE): a service that echoes a field
 * discloses files, and one that fetches URLs can be pointed at internal services (SSRF).
 * `huge_tree=True` lifts libxml2's limits against entity expansion and deep nesting.
 *
 * ## Example
 * ```python
 * parser = etree.XMLParser(resolve_entities=True, no_network=False)
 * root = etree.fromstring(body, parser)
 * ```
 *
 * ## Use instead
 * ```python
 * parser = etree.XMLParser(resolve_entities=False, no_network=True)
 * root = etree.fromstring(body, parser)
 * ```
 *
 * ## References
 * - CWE-611: Improper Restriction of XML External Entity Reference
 * - OWASP Top 10 2021 A05: Security Misconfiguration
 */
import type { Node } from '../../parser/parser';
import type { Fix, Rule, TextEdit } from '../../ruleApi/types';
import { unsafeFix } from '../../fixes/fix';
import {
  callArguments,
  argumentsOf,
  keywordArgument,
  keywordValue,
  literalString,
  methodName,
} from '../../semantic/calls';
import { isTestCode } from '../shared';

const lxmlParsers = new Set([
  'lxml.etree.XMLParser',
  'lxml.etree.XMLPullParser',
  'lxml.etree.iterparse',
  'lxml.etree.XMLTreeBuilder',
  'lxml.objectify.makeparser',
]);
const externalFeatures = new Set(['xml.sax.handler.feature_external_ges', 'xml.sax.handler.feature_external_pes']);
const externalFeatureUrls = new Set([
  'http://xml.org/sax/features/external-general-entities',
  'http://xml.org/sax/features/external-parameter-entities',
]);

const isTrue = (node: Node | undefined) => node?.type === 'true' || (node?.type === 'integer' && node.text !== '0');
const isFalse = (node: Node | undefined) => node?.type === 'false' || (node?.type === 'integer' && node.text === '0');

/** The dangerous keywords of an lxml parser call, and the edits that turn them off. */
function lxmlProblems(call: Node): { problems: string[]; edits: TextEdit[]; confidence: 'medium' | 'low' } | undefined {
  const problems: string[] = [];
  const edits: TextEdit[] = [];
  let confidence: 'medium' | 'low' = 'low';
  const flip = (name: string, to: string) => {
    const value = keywordValue(call, name)!;
    edits.push({ start: value.startIndex, end: value.endIndex, newText: to });
  };
  if (isTrue(keywordValue(call, 'resolve_entities'))) {
    problems.push('`resolve_entities=True` expands external entities');
    flip('resolve_entities', 'False');
    confidence = 'medium';
  }
  if (isFalse(keywordValue(call, 'no_network'))) {
    problems.push('`no_network=False` lets the document fetch URLs');
    flip('no_network', 'True');
    confidence = 'medium';
  }
  const entitiesOff = isFalse(keywordValue(call, 'resolve_entities'));
  for (const name of ['load_dtd', 'dtd_validation']) {
    if (isTrue(keywordValue(call, name)) && !entitiesOff && !keywordArgument(call, 'resolve_entities'))
      problems.push(`\`${name}=True\` loads the document's DTD, whose entities are then resolved`);
  }
  if (problems.some((p) => p.includes('DTD')) && !keywordArgument(call, 'resolve_entities')) {
    const args = argumentsOf(call);
    const last = args[args.length - 1];
    if (last && !args.some((a) => a.type === 'dictionary_splat' || a.type === 'list_splat'))
      edits.push({ start: last.endIndex, end: last.endIndex, newText: ', resolve_entities=False' });
  }
  if (isTrue(keywordValue(call, 'huge_tree')))
    problems.push('`huge_tree=True` turns off the limits against entity expansion and deep nesting');
  return problems.length ? { problems, edits, confidence } : undefined;
}

function fixOf(edits: TextEdit[], problems: string[]): Fix | string {
  if (problems.some((p) => p.includes('huge_tree')))
    return '`huge_tree` is needed for some large documents; remove it only if yours are not';
  if (!edits.length) return 'the call passes its options through `**kwargs`';
  return unsafeFix(
    'Turn off external entities and network access',
    'documents that rely on external entities or DTDs from the network no longer load them',
    edits,
  );
}

export const xmlExternalEntities: Rule = {
  meta: {
    id: 'PSG721',
    name: 'xml-external-entities',
    title: 'XML parser configured to resolve external entities',
    defaultSeverity: 'warning',
    cwe: 611,
    owasp: 'A05:2021-Security Misconfiguration',
    checklistItem: 'input-validated',
    bandit: [],
    ruff: [],
    fixable: true,
    fixes: [
      {
        title: 'Turn off external entities and network access',
        applicability: 'unsafe',
        why: 'Sets `resolve_entities=False` and `no_network=True` (or turns the SAX feature off): entities that a document defines in an external DTD or file are no longer expanded, which some legitimate documents rely on.',
      },
    ],
  },
  triggers: [
    'resolve_entities',
    'no_network',
    'load_dtd',
    'dtd_validation',
    'huge_tree',
    'feature_external',
    'external-',
    'disable_entities',
  ],
  visitors: {
    call(call, context) {
      if (isTestCode(context.model, call)) return;
      const callee = context.model.calleeName(call);
      if (callee && lxmlParsers.has(callee)) {
        const found = lxmlProblems(call);
        if (!found) return;
        const built = fixOf(found.edits, found.problems);
        context.report({
          node: call,
          message: `This lxml parser reads more than the document: ${found.problems.join('; ')}. A document can then read local files or reach internal URLs (XXE). Use \`resolve_entities=False, no_network=True\`.`,
          confidence: found.confidence,
          fix: typeof built === 'string' ? undefined : built,
          fixUnavailable: typeof built === 'string' ? built : undefined,
        });
        return;
      }
      if (callee === 'xmltodict.parse') {
        const value = keywordValue(call, 'disable_entities');
        if (!isFalse(value)) return;
        context.report({
          node: call,
          message:
            '`xmltodict.parse(..., disable_entities=False)` expands the entities a document declares: entity expansion can exhaust memory. Leave `disable_entities` at its default (`True`).',
          confidence: 'medium',
          fix: unsafeFix(
            'Turn off external entities and network access',
            'documents that declare entities are refused',
            [{ start: value!.startIndex, end: value!.endIndex, newText: 'True' }],
          ),
        });
        return;
      }
      if (methodName(call) !== 'setFeature') return;
      const feature = callArguments(call).find(0, 'name');
      const state = callArguments(call).find(1, 'state');
      if (!feature || !isTrue(state)) return;
      const named = context.model.qualifiedName(feature);
      const url = literalString(context.model, feature);
      if (!(named && externalFeatures.has(named)) && !(url && externalFeatureUrls.has(url))) return;
      context.report({
        node: call,
        message: `This SAX parser resolves external entities (\`${feature.text}\` on): a document can read local files or reach internal URLs (XXE). Leave the feature off (the default since Python 3.7.1).`,
        confidence: 'medium',
        fix: unsafeFix(
          'Turn off external entities and network access',
          'documents that rely on external entities no longer load them',
          [{ start: state!.startIndex, end: state!.endIndex, newText: 'False' }],
        ),
      });
    },
  },
};
