/**
 * ## What it does
 * Flags LDAP search filters built from values that are not constants: ldap3's
 * `Connection.search(search_base, search_filter)` and python-ldap's `search`, `search_s`,
 * `search_st`, `search_ext` and `search_ext_s` (`filterstr`). Values passed through
 * `escape_filter_chars` (ldap3 or python-ldap) or built with `ldap.filter.filter_format` are not
 * reported.
 *
 * ## Why is this bad?
 * A value spliced into a filter becomes filter syntax. A user name of `*` matches every entry, and
 * `admin)(|(uid=*` adds conditions of the caller's choosing: a login that searches
 * `(&(uid={user})(userPassword={password}))` lets anyone in, and a lookup discloses other entries.
 *
 * ## Example
 * ```python
 * conn.search("dc=example,dc=com", f"(uid={username})")
 * ```
 *
 * ## Use instead
 * ```python
 * from ldap3.utils.conv import escape_filter_chars
 * conn.search("dc=example,dc=com", f"(uid={escape_filter_chars(username)})")
 * ```
 * With python-ldap, `ldap.filter.filter_format("(uid=%s)", [username])` escapes each value.
 *
 * ## References
 * - CWE-90: Improper Neutralization of Special Elements used in an LDAP Query ('LDAP Injection')
 * - RFC 4515: LDAP String Representation of Search Filters
 * - OWASP Top 10 2021 A03: Injection
 */
import type { Node } from '../../parser/parser';
import type { Fix, Rule, RuleContext, TextEdit } from '../../ruleApi/types';
import { ensureImported } from '../../fixes/python';
import { safeFix, unsafeFix } from '../../fixes/fix';
import { callArguments, calledFunction, keywordValue, methodName } from '../../semantic/calls';
import { describeFlow, isTestCode, reportTaintedSink } from '../shared';

type Library = 'ldap3' | 'python-ldap';

const pythonLdapMethods = new Set(['search_s', 'search_st', 'search_ext', 'search_ext_s']);
const escapers: Record<Library, { module: string; name: string }> = {
  ldap3: { module: 'ldap3.utils.conv', name: 'escape_filter_chars' },
  'python-ldap': { module: 'ldap.filter', name: 'escape_filter_chars' },
};

const imports = (context: RuleContext, library: Library) =>
  [...context.model.importedModules].some((module) =>
    library === 'ldap3'
      ? module === 'ldap3' || module.startsWith('ldap3.')
      : module === 'ldap' || module.startsWith('ldap.'),
  );

/** The filter of an LDAP search call, and the library it belongs to. */
function ldapFilter(call: Node, context: RuleContext): { filter: Node; library: Library } | undefined {
  const method = methodName(call);
  if (!method?.startsWith('search')) return undefined;
  const receiverNode = calledFunction(call)?.childForFieldName('object');
  const receiver = context.model.resolvedPath(receiverNode);
  const receiverText = receiverNode?.text ?? '';
  if (method === 'search') {
    // ldap3: Connection(...).search(search_base, search_filter, ...).
    const ldap3 =
      receiver?.startsWith('ldap3.') ||
      (!receiver &&
        imports(context, 'ldap3') &&
        (!!keywordValue(call, 'search_filter') || /conn|ldap/i.test(receiverText)));
    if (ldap3) {
      const filter = callArguments(call).find(1, 'search_filter');
      return filter ? { filter, library: 'ldap3' } : undefined;
    }
  }
  // python-ldap: ldap.initialize(uri).search_s(base, scope, filterstr, ...).
  const pythonLdap =
    receiver?.startsWith('ldap.') ||
    (!receiver &&
      imports(context, 'python-ldap') &&
      (pythonLdapMethods.has(method) || (method === 'search' && !!keywordValue(call, 'filterstr'))));
  if (pythonLdap && (pythonLdapMethods.has(method) || method === 'search')) {
    const filter = callArguments(call).find(2, 'filterstr');
    return filter ? { filter, library: 'python-ldap' } : undefined;
  }
  return undefined;
}

/**
 * Wraps each value of the filter in `escape_filter_chars(...)` when every value sits in an assertion value
 * (`(uid={x})`, `(cn=*{x}*)`): escaped, it matches the same text, and `*`, `(` and `)` in it are data.
 */
function escapeValues(filter: Node, library: Library, context: RuleContext): Fix | string {
  const shape = context.model.stringShape(filter);
  if (!shape.isString || !shape.exact || shape.holes.length === 0) return 'the filter could not be followed';
  if (filter.type === 'identifier' || shape.spansStatements) return 'the filter is built in another statement';
  let before = '';
  for (const part of shape.parts) {
    if (part.kind === 'text') {
      before += part.text;
      continue;
    }
    if (part.formatted || part.via === 'join') return 'a value is formatted on its way into the filter';
    const item = before.slice(before.lastIndexOf('(') + 1);
    if (!before.includes('(') || !/^[A-Za-z0-9.;-]+(?::[^=]*)?[~<>]?=/.test(item))
      return `\`${part.expression.text}\` is not an attribute value in the filter (an attribute name or a whole filter cannot be escaped)`;
    before += '\u0000';
  }
  const { module, name } = escapers[library];
  const imported = ensureImported(context, module, name, filter);
  if (!imported) return `the name \`${name}\` is already used for something else in this file`;
  const edits: TextEdit[] = [...imported.edits];
  const seen = new Set<number>();
  for (const hole of shape.holes) {
    if (seen.has(hole.expression.startIndex)) continue;
    seen.add(hole.expression.startIndex);
    const text = hole.expression.text;
    edits.push({
      start: hole.expression.startIndex,
      end: hole.expression.endIndex,
      newText: `${name}(${hole.via === 'concat' ? text : `str(${text})`})`,
    });
  }
  // `+` only joins strings, so each value already was one: escaping changes nothing but the special characters.
  if (shape.holes.every((hole) => hole.via === 'concat')) return safeFix(`Escape the values with ${name}`, edits);
  return unsafeFix(`Escape the values with ${name}`, 'a `*` typed by a user no longer matches as a wildcard', edits);
}

export const ldapInjection: Rule = {
  meta: {
    id: 'PSG141',
    name: 'ldap-injection',
    title: 'LDAP search filter built from values',
    defaultSeverity: 'error',
    cwe: 90,
    owasp: 'A03:2021-Injection',
    checklistItem: 'input-validated',
    bandit: [],
    ruff: [],
    fixable: true,
    fixes: [
      {
        title: 'Escape the values with escape_filter_chars',
        applicability: 'safe',
        why: 'For a filter joined with `+` (every value already a string): each value is escaped where it is spliced in, so it matches the same text and its `*`, `(`, `)` and `\\` can no longer change the filter.',
      },
      {
        title: 'Escape the values with escape_filter_chars',
        applicability: 'unsafe',
        why: 'For a formatted filter: each value becomes `escape_filter_chars(str(value))`. A `*` that a user typed used to match as a wildcard and now matches a literal `*`.',
      },
    ],
  },
  triggers: ['search', 'ldap'],
  visitors: {
    call(call, context) {
      const found = ldapFilter(call, context);
      if (!found || isTestCode(context.model, call)) return;
      reportTaintedSink(context, {
        kind: 'ldap',
        values: [found.filter],
        sink: call,
        message: (verdict, label) => {
          const what =
            verdict.taint.level === 'tainted'
              ? `${describeFlow(verdict, label)} as an LDAP filter`
              : `\`${label}\` searches with an LDAP filter built from a value that is not a constant`;
          return `${what}: \`*\`, \`(\` and \`)\` in the value change the filter (\`*)(uid=*\` matches every entry). Escape each value with \`escape_filter_chars\`.`;
        },
        fix: () => escapeValues(found.filter, found.library, context),
      });
    },
  },
};
