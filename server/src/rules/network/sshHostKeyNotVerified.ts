/**
 * ## What it does
 * Flags Paramiko SSH clients told to accept unknown host keys: `set_missing_host_key_policy`
 * with `AutoAddPolicy` or `WarningPolicy`.
 *
 * ## Why is this bad?
 * The host key is how an SSH client knows it reached the right server. Accepting any key lets a
 * machine in the middle pose as the server, read the password or key exchange, and see or change
 * every command and its output.
 *
 * ## Example
 * ```python
 * client.set_missing_host_key_policy(paramiko.AutoAddPolicy())
 * ```
 *
 * ## Use instead
 * ```python
 * client.load_system_host_keys()  # or client.load_host_keys("known_hosts")
 * client.set_missing_host_key_policy(paramiko.RejectPolicy())
 * ```
 *
 * ## References
 * - CWE-295: Improper Certificate Validation
 * - OWASP Top 10 2021 A07: Identification and Authentication Failures
 */
import type { Rule } from '../../ruleApi/types';
import { argumentValue, methodName } from '../../semantic/calls';
import { unsafeFix } from '../../fixes/fix';

const acceptingPolicies = new Set([
  'paramiko.AutoAddPolicy',
  'paramiko.WarningPolicy',
  'paramiko.client.AutoAddPolicy',
  'paramiko.client.WarningPolicy',
]);

export const sshHostKeyNotVerified: Rule = {
  meta: {
    id: 'PSG525',
    name: 'ssh-host-key-not-verified',
    title: 'SSH client accepts unknown host keys',
    defaultSeverity: 'error',
    cwe: 295,
    owasp: 'A07:2021-Identification and Authentication Failures',
    checklistItem: 'https-enforced',
    bandit: ['B507'],
    ruff: ['S507'],
    fixable: true,
    fixes: [
      {
        title: 'Reject unknown host keys (RejectPolicy)',
        applicability: 'unsafe',
        why: 'Hosts whose key is not in known_hosts are refused instead of trusted.',
      },
    ],
  },
  triggers: ['set_missing_host_key_policy'],
  visitors: {
    call(call, context) {
      if (methodName(call) !== 'set_missing_host_key_policy') return;
      const policy = argumentValue(call, 0, 'policy');
      if (!policy) return;
      const target = policy.type === 'call' ? policy.childForFieldName('function') : policy;
      const name = context.model.qualifiedName(target);
      if (!name || !acceptingPolicies.has(name) || !target) return;
      const attribute = target.type === 'attribute' ? target.childForFieldName('attribute') : undefined;
      context.report({
        node: policy,
        message: `\`${name.split('.').pop()}\` accepts any host key: a machine in the middle can pose as the server. Load known host keys and use \`RejectPolicy\`.`,
        confidence: 'high',
        fix: attribute
          ? unsafeFix('Reject unknown host keys (RejectPolicy)', 'unknown hosts are refused', [
              { start: attribute.startIndex, end: attribute.endIndex, newText: 'RejectPolicy' },
            ])
          : undefined,
        fixUnavailable: attribute ? undefined : 'the policy was imported by name; import `RejectPolicy` instead',
      });
    },
  },
};
