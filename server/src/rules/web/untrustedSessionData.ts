/**
 * ## What it does
 * Flags request data stored in the server's session without being checked first: Flask and Quart
 * `session[key] = value`, Django and Starlette `request.session[key] = value`, aiohttp-session
 * `session[key] = value` (from `get_session`/`new_session`), and `session.update(...)`/`setdefault(...)`
 * on those. Values converted to numbers, identifiers the library generates, values checked
 * against an allowlist first (`if role in ALLOWED:`) and fields of a record the request data was
 * used to look up (`user.username` after `User.objects.get(username=...)`) are not reported; values
 * of unknown origin neither (what an application keeps in its session is usually its own data).
 *
 * ## Why is this bad?
 * Code that reads the session trusts it: it was written by the server. Storing what the client sent
 * there mixes trusted and untrusted data (a trust boundary violation): a later request finds
 * `session["role"] = "admin"` or `session["user_id"]` that the client chose, and acts on it as if the
 * application had decided it. With a client-side session (Flask's default cookie) the data also
 * travels in every response.
 *
 * ## Example
 * ```python
 * @app.post("/preferences")
 * def preferences():
 *     session["role"] = request.form["role"]
 * ```
 *
 * ## Use instead
 * ```python
 * ROLES = {"reader", "editor"}
 *
 * @app.post("/preferences")
 * def preferences():
 *     role = request.form["role"]
 *     if role not in ROLES:
 *         abort(400)
 *     session["role"] = role
 * ```
 * No fix is offered: what counts as valid depends on what the value is for.
 *
 * ## References
 * - CWE-501: Trust Boundary Violation
 * - OWASP Top 10 2021 A04: Insecure Design
 */
import type { Node } from '../../parser/parser';
import type { ModelView } from '../../semantic/model';
import { argumentsOf, calledFunction, methodName } from '../../semantic/calls';
import type { Rule, RuleContext } from '../../ruleApi/types';
import { describeFlow, flowSteps, judgeTaint } from '../shared';
import { assignedTarget, assignedValue } from '../../semantic/assignments';

const sessionObjects = new Set(['flask.session', 'quart.session']);
const sessionFactories = /^aiohttp_session\.(?:get_session|new_session)\(\)$/;

/** True when `node` is a session object: `session` imported from Flask, `request.session`, an aiohttp session. */
function isSession(model: ModelView, node: Node | null | undefined): boolean {
  if (!node) return false;
  const qualified = model.qualifiedName(node);
  if (qualified && sessionObjects.has(qualified)) return true;
  if (node.type === 'attribute') {
    if (node.childForFieldName('attribute')?.text !== 'session') return false;
    return /^(?:request|req|self\.request)$/.test(node.childForFieldName('object')?.text.replace(/\s/g, '') ?? '');
  }
  if (node.type === 'identifier') {
    let value = model.assignedValue(node);
    if (value?.type === 'await') value = value.namedChildren[0] ?? undefined;
    return value?.type === 'call' && sessionFactories.test(model.resolvedPath(value) ?? '');
  }
  return false;
}

/** Methods that look a record up (an ORM, a cache): what they return is the application's data, checked by the lookup. */
const lookupMethods = new Set(['get', 'first', 'last', 'one', 'one_or_none', 'scalar', 'get_or_404', 'first_or_404']);
const lookupFunctions = new Set(['django.shortcuts.get_object_or_404', 'flask_sqlalchemy.get_or_404']);

/**
 * True for a value read from a record the request data was used to find: `user.username` after
 * `user = User.objects.get(username=form["name"])`. The record is the application's, not the client's.
 */
function isLookedUp(model: ModelView, node: Node, depth = 0): boolean {
  if (depth > 6) return false;
  if (node.type === 'attribute') return isLookedUp(model, node.childForFieldName('object')!, depth + 1);
  if (node.type === 'identifier') {
    const value = model.assignedValue(node);
    return !!value && isLookedUp(model, value, depth + 1);
  }
  if (node.type !== 'call') return false;
  if (lookupFunctions.has(model.calleeName(node) ?? '')) return true;
  const method = methodName(node);
  if (!method || !lookupMethods.has(method)) return false;
  // `request.args.get(...)`, `data.get(...)` read the request; `User.objects.get(...)` does not.
  const receiver = calledFunction(node)!.childForFieldName('object');
  return !!receiver && model.taintOf(receiver).level !== 'tainted';
}

function check(context: RuleContext, values: readonly Node[], at: Node): void {
  const verdict = judgeTaint(context, 'session', values, { reportUnknown: false });
  if (!verdict || verdict.taint.level !== 'tainted') return;
  if (isLookedUp(context.model, verdict.culprit)) return;
  context.report({
    node: verdict.culprit,
    message: `${describeFlow(verdict, 'the session')} unchecked: later requests trust the session as the server's own data. Validate it (an allowlist, a type, a lookup) before storing it.`,
    confidence: verdict.confidence,
    severity: verdict.severity,
    flow: flowSteps(verdict, at, 'the session'),
  });
}

export const untrustedSessionData: Rule = {
  meta: {
    id: 'PSG134',
    name: 'untrusted-data-in-session',
    title: 'Request data stored in the session unchecked',
    defaultSeverity: 'warning',
    cwe: 501,
    owasp: 'A04:2021-Insecure Design',
    checklistItem: 'input-validated',
    bandit: [],
    ruff: [],
    fixable: false,
  },
  triggers: ['session'],
  visitors: {
    assignment(assignment, context) {
      const left = assignedTarget(assignment);
      const right = assignedValue(assignment);
      if (left?.type !== 'subscript' || !right || !isSession(context.model, left.childForFieldName('value'))) return;
      const key = left.childForFieldName('subscript');
      check(context, key ? [right, key] : [right], assignment);
    },
    call(call, context) {
      const method = methodName(call);
      if (method !== 'update' && method !== 'setdefault' && method !== '__setitem__') return;
      if (!isSession(context.model, calledFunction(call)!.childForFieldName('object'))) return;
      const values = argumentsOf(call).map((argument) =>
        argument.type === 'keyword_argument' ? (argument.childForFieldName('value') ?? argument) : argument,
      );
      check(context, values, call);
    },
  },
};
