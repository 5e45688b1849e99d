/**
 * ## What it does
 * Flags TLS certificate verification turned off: `verify=False` in `requests`/`httpx` calls,
 * clients and sessions (`session.verify = False`), `ssl._create_unverified_context()`,
 * `ssl.CERT_NONE`, and `check_hostname = False`. Test code (files that import a test framework,
 * `test_*` functions, `Test*` classes) is not flagged.
 *
 * ## Why is this bad?
 * Without certificate verification, TLS still encrypts, but to whoever answers: anyone on the
 * network path (public Wi-Fi, a compromised router, a proxy) can present their own certificate,
 * read every request (credentials, tokens) and change every response.
 *
 * ## Example
 * ```python
 * response = requests.get("https://api.example.com/data", verify=False)
 * ```
 *
 * ## Use instead
 * ```python
 * response = requests.get("https://api.example.com/data")
 * # For an internal CA:
 * response = requests.get("https://internal-api/", verify="/path/to/ca-bundle.crt")
 * ```
 *
 * ## References
 * - CWE-295: Improper Certificate Validation
 * - OWASP Top 10 2021 A02: Cryptographic Failures
 */
import { ensureModuleImported } from '../../fixes/python';
import type { Node } from '../../parser/parser';
import { argumentsOf, keywordArgument, referenceName } from '../../semantic/calls';
import { removeArgument } from '../../fixes/callEdits';
import type { Fix, Rule, RuleContext } from '../../ruleApi/types';
import { isTestCode, nodeMentions } from '../shared';
import { httpClientCall } from './httpClients';
import { unsafeFix } from '../../fixes/fix';
import { assignedTarget, assignedValue } from '../../semantic/assignments';

function checkReference(node: Node, context: RuleContext): void {
  const name = referenceName(context.model, node);
  if (name !== 'ssl.CERT_NONE' && name !== 'ssl.VerifyMode.CERT_NONE') return;
  // `mode != ssl.CERT_NONE` reads the setting; only using it as a value turns checks off.
  if (node.parent?.type === 'comparison_operator' || isTestCode(context.model, node)) return;
  context.report({
    node,
    message:
      '`ssl.CERT_NONE` accepts any certificate. Use `ssl.CERT_REQUIRED` (the default of `ssl.create_default_context()`).',
    confidence: 'high',
  });
}

export const tlsVerificationDisabled: Rule = {
  meta: {
    id: 'PSG501',
    name: 'tls-verification-disabled',
    title: 'TLS certificate verification disabled',
    defaultSeverity: 'error',
    cwe: 295,
    owasp: 'A02:2021-Cryptographic Failures',
    checklistItem: 'https-enforced',
    bandit: ['B501', 'B323'],
    ruff: ['S501', 'S323'],
    fixable: true,
    fixes: [
      {
        title: 'Use ssl.create_default_context()',
        applicability: 'unsafe',
        why: 'Certificates that do not verify are refused.',
      },
      {
        title: 'Turn certificate verification back on',
        applicability: 'unsafe',
        why: 'Certificates that do not verify are refused.',
      },
      {
        title: 'Turn hostname checking back on',
        applicability: 'unsafe',
        why: 'Certificates issued for another host are refused.',
      },
    ],
  },
  triggers: ['verify', 'ssl', 'check_hostname', 'CERT_NONE'],
  references: { names: ['CERT_NONE'], visit: checkReference },
  visitors: {
    call(call, context) {
      const callee = context.model.calleeName(call);
      if (callee === 'ssl._create_unverified_context') {
        if (isTestCode(context.model, call)) return;
        let fix: Fix | undefined;
        let fixUnavailable: string | undefined;
        const ssl = ensureModuleImported(context, 'ssl', call);
        if (argumentsOf(call).length > 0)
          fixUnavailable = 'the call passes arguments that `create_default_context` does not take';
        else if (!ssl) fixUnavailable = 'the name `ssl` is already used for something else in this file';
        else
          fix = unsafeFix('Use ssl.create_default_context()', 'invalid certificates are refused', [
            ...ssl.edits,
            { start: call.startIndex, end: call.endIndex, newText: 'ssl.create_default_context()' },
          ]);
        context.report({
          node: call,
          message: `\`${callee}\` makes a context that accepts any certificate. Use \`ssl.create_default_context()\`.`,
          confidence: 'high',
          fix,
          fixUnavailable,
        });
        return;
      }
      // `verify=` is written inside the call: most calls are passed over without reading their arguments.
      if (!nodeMentions(context, call, 'verify')) return;
      const verify = keywordArgument(call, 'verify');
      if (verify?.childForFieldName('value')?.type !== 'false') return;
      const client = httpClientCall(call, context);
      if (!client || isTestCode(context.model, call)) return;
      context.report({
        node: verify,
        message: `\`verify=False\` turns off certificate checks in \`${client}\`: anyone on the network path can read and change the traffic. Remove it, or pass the path of your CA bundle.`,
        confidence: 'high',
        fix: unsafeFix('Turn certificate verification back on', 'invalid certificates are refused', [
          removeArgument(verify),
        ]),
      });
    },
    assignment(node, context) {
      const left = assignedTarget(node);
      const right = assignedValue(node);
      if (left?.type !== 'attribute' || right?.type !== 'false' || isTestCode(context.model, node)) return;
      const attribute = left.childForFieldName('attribute')?.text;
      if (attribute === 'check_hostname') {
        context.report({
          node,
          message:
            '`check_hostname = False` accepts a valid certificate for any other host. Leave hostname checking on.',
          confidence: 'high',
          fix: unsafeFix('Turn hostname checking back on', 'certificates for other hosts are refused', [
            { start: right.startIndex, end: right.endIndex, newText: 'True' },
          ]),
        });
      } else if (attribute === 'verify') {
        const path = context.model.resolvedPath(left.childForFieldName('object'));
        if (!path || !/^(?:requests|httpx)\./.test(path)) return;
        context.report({
          node,
          message: '`session.verify = False` turns off certificate checks for every request of the session.',
          confidence: 'high',
          fix: unsafeFix('Turn certificate verification back on', 'invalid certificates are refused', [
            { start: right.startIndex, end: right.endIndex, newText: 'True' },
          ]),
        });
      }
    },
  },
};
