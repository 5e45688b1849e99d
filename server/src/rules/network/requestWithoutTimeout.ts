/**
 * ## What it does
 * Flags HTTP requests made with `requests` (module functions and sessions) to a URL chosen at run
 * time (a parameter, a setting, request data) without a `timeout`, and any request with
 * `timeout=None` in `requests` or `httpx`. Requests to a URL written in the code are left alone.
 *
 * ## Why is this bad?
 * Without a timeout `requests` waits forever for a server that accepts the connection and never
 * answers. Each such request holds a worker; a slow or hostile server (or one URL a user can
 * choose) ties up the whole service.
 *
 * ## Example
 * ```python
 * response = requests.get(url)
 * ```
 *
 * ## Use instead
 * ```python
 * response = requests.get(url, timeout=10)
 * ```
 *
 * ## References
 * - CWE-400: Uncontrolled Resource Consumption
 * - OWASP Top 10 2021 A05: Security Misconfiguration
 */
import type { Fix, Rule } from '../../ruleApi/types';
import { argumentValue, hasSplat, isConstant, keywordValue } from '../../semantic/calls';
import { appendArgument } from '../../fixes/callEdits';
import { unsafeFix } from '../../fixes/fix';

const verbs = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request']);
const DEFAULT_TIMEOUT = '10';

export const requestWithoutTimeout: Rule = {
  meta: {
    id: 'PSG520',
    name: 'request-without-timeout',
    title: 'HTTP request without a timeout',
    defaultSeverity: 'warning',
    cwe: 400,
    owasp: 'A05:2021-Security Misconfiguration',
    checklistItem: 'requests-time-out',
    bandit: ['B113'],
    ruff: ['S113'],
    fixable: true,
    fixes: [
      {
        title: 'Set timeout=<seconds>',
        applicability: 'unsafe',
        why: 'A server slower than the timeout now raises requests.Timeout instead of being waited for.',
      },
      {
        title: 'Add timeout=<seconds>',
        applicability: 'unsafe',
        why: 'A server slower than the timeout now raises requests.Timeout instead of being waited for.',
      },
    ],
  },
  triggers: ['requests', 'httpx'],
  visitors: {
    call(call, context) {
      const fn = call.childForFieldName('function');
      const callee = context.model.calleeName(call);
      const verb =
        fn?.type === 'attribute' ? (fn.childForFieldName('attribute')?.text ?? '') : (callee?.split('.').pop() ?? '');
      if (!verbs.has(verb)) return;
      const receiver =
        fn?.type === 'attribute' ? context.model.resolvedPath(fn.childForFieldName('object')) : undefined;
      const isRequests =
        callee === `requests.${verb}` ||
        callee === `requests.api.${verb}` ||
        /^requests\.(?:Session|session|sessions\.Session)\(\)$/.test(receiver ?? '');
      const isHttpx = callee === `httpx.${verb}` || /^httpx\.(?:Client|AsyncClient)\(\)$/.test(receiver ?? '');
      if (!isRequests && !isHttpx) return;
      const timeout = keywordValue(call, 'timeout');
      // A fixed URL in the code is a server the authors chose; the risk is a host chosen at run time.
      const url = argumentValue(call, verb === 'request' ? 1 : 0, 'url');
      if (!timeout && url && isConstant(context.model, url)) return;
      let fix: Fix | undefined;
      if (timeout) {
        if (timeout.type !== 'none') return;
        fix = unsafeFix(`Set timeout=${DEFAULT_TIMEOUT}`, 'a slow server now raises a timeout', [
          { start: timeout.startIndex, end: timeout.endIndex, newText: DEFAULT_TIMEOUT },
        ]);
      } else {
        // httpx has a default timeout of 5 seconds; only an explicit None disables it.
        if (isHttpx || hasSplat(call)) return;
        const edit = appendArgument(call, `timeout=${DEFAULT_TIMEOUT}`);
        if (edit) fix = unsafeFix(`Add timeout=${DEFAULT_TIMEOUT}`, 'a slow server now raises a timeout', [edit]);
      }
      context.report({
        node: call,
        message: `${timeout ? '`timeout=None` waits' : 'Without a `timeout` this request waits'} forever for a server that never answers, holding a worker each time. Set a timeout in seconds (the fix uses ${DEFAULT_TIMEOUT}).`,
        confidence: 'high',
        fix,
        fixUnavailable: fix ? undefined : 'the argument list could not be extended',
      });
    },
  },
};
