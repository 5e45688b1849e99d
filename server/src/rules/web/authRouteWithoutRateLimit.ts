/**
 * ## What it does
 * In a file that uses Flask-Limiter or slowapi (`limiter = Limiter(...)`), flags login, sign-in, token,
 * password-reset and one-time-code routes that carry no `@limiter.limit(...)` decorator, when the
 * limiter has no `default_limits` that would cover them.
 *
 * ## Why is this bad?
 * Authentication endpoints are where passwords and codes are guessed. Without a limit an attacker
 * tries thousands of passwords a minute (credential stuffing, brute force), and a six-digit code
 * falls in hours.
 *
 * ## Example
 * ```python
 * limiter = Limiter(get_remote_address, app=app)
 *
 * @app.route("/login", methods=["POST"])
 * def login():
 *     ...
 * ```
 *
 * ## Use instead
 * ```python
 * @app.route("/login", methods=["POST"])
 * @limiter.limit("5 per minute")
 * def login():
 *     ...
 * ```
 *
 * ## References
 * - CWE-307: Improper Restriction of Excessive Authentication Attempts
 * - OWASP Top 10 2021 A07: Identification and Authentication Failures
 */
import type { Node } from '../../parser/parser';
import { decoratorExpression, decoratorsOf, keywordValue } from '../../semantic/calls';
import type { Rule } from '../../ruleApi/types';
import { routes } from './flaskApps';

const authPath =
  /(?:^|[/_-])(?:login|log-in|signin|sign-in|sign_in|authenticate|auth|token|otp|2fa|mfa|verify-code|password|reset-password|forgot-password|forgot)(?:$|[/_-])/i;
const authFunction =
  /^(?:login|log_in|signin|sign_in|authenticate|auth|token|issue_token|get_token|otp|verify_otp|verify_code|reset_password|forgot_password|password_reset)$/i;
const limiterClasses = new Set(['flask_limiter.Limiter', 'flask_limiter.extension.Limiter', 'slowapi.Limiter']);

export const authRouteWithoutRateLimit: Rule = {
  meta: {
    id: 'PSG611',
    name: 'auth-route-without-rate-limit',
    title: 'Authentication route without rate limiting',
    defaultSeverity: 'warning',
    cwe: 307,
    owasp: 'A07:2021-Identification and Authentication Failures',
    checklistItem: 'rate-limited-auth',
    bandit: [],
    ruff: [],
    fixable: false,
  },
  requiresImport: ['flask_limiter', 'slowapi'],
  wholeFile: true,
  triggers: ['Limiter'],
  visitors: {
    module(_module, context) {
      const limiters: string[] = [];
      for (const call of context.model.root.descendantsOfType('call')) {
        if (!call || !limiterClasses.has(context.model.calleeName(call) ?? '')) continue;
        // Default limits apply to every route, so nothing is missing.
        if (keywordValue(call, 'default_limits') || keywordValue(call, 'application_limits')) return;
        const assignment = call.parent;
        const target = assignment?.type === 'assignment' ? assignment.childForFieldName('left') : undefined;
        if (target?.type === 'identifier') limiters.push(target.text);
      }
      if (limiters.length === 0) return;
      const limited = (fn: Node) =>
        decoratorsOf(fn).some((decorator) => {
          const expression = decoratorExpression(decorator);
          const callee = expression?.type === 'call' ? expression.childForFieldName('function') : expression;
          return (
            callee?.type === 'attribute' &&
            limiters.includes(callee.childForFieldName('object')?.text ?? '') &&
            callee.childForFieldName('attribute')?.text !== 'exempt'
          );
        }) || decoratorsOf(fn).some((decorator) => /\bexempt\b/.test(decorator.text));
      const seen = new Set<number>();
      for (const route of routes(context.model)) {
        if (seen.has(route.function.id)) continue;
        seen.add(route.function.id);
        const name = route.function.childForFieldName('name')?.text ?? '';
        if (!(route.path && authPath.test(route.path)) && !authFunction.test(name)) continue;
        if (limited(route.function)) continue;
        context.report({
          node: route.decorator,
          message: `\`${name}\` is an authentication endpoint without a rate limit, although this file uses a rate limiter: passwords and codes can be guessed at full speed. Add \`@${limiters[0]}.limit("5 per minute")\`.`,
          confidence: 'medium',
        });
      }
    },
  },
};
