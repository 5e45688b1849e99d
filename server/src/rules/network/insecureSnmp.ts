/**
 * ## What it does
 * Flags pysnmp configured for SNMP v1 or v2c (`CommunityData(..., mpModel=0|1)`, and
 * `CommunityData` without `mpModel`, which means v2c), and SNMPv3 users without authentication
 * and privacy keys (`UsmUserData` with only a user name, or with `usmNoAuthProtocol` /
 * `usmNoPrivProtocol`).
 *
 * ## Why is this bad?
 * SNMP v1 and v2c authenticate with a community string sent in clear text, and encrypt nothing:
 * anyone on the path reads device data and can reuse the community to change settings. SNMPv3
 * only protects messages when both an authentication and a privacy key are set (authPriv).
 *
 * ## Example
 * ```python
 * auth = CommunityData("public", mpModel=0)
 * ```
 *
 * ## Use instead
 * ```python
 * auth = UsmUserData("monitor", AUTH_KEY, PRIV_KEY,
 *                    authProtocol=usmHMACSHAAuthProtocol, privProtocol=usmAesCfb128Protocol)
 * ```
 *
 * ## References
 * - CWE-319: Cleartext Transmission of Sensitive Information
 * - OWASP Top 10 2021 A02: Cryptographic Failures
 */
import type { Rule } from '../../ruleApi/types';
import { argumentValue, hasSplat, keywordValue } from '../../semantic/calls';
import { positionalArguments } from '../shared';

const roots = [
  'pysnmp.hlapi',
  'pysnmp.hlapi.v3arch',
  'pysnmp.hlapi.v3arch.asyncio',
  'pysnmp.hlapi.asyncio',
  'pysnmp.entity.rfc3413.oneliner.cmdgen',
];
const isClass = (name: string | undefined, cls: string) => !!name && roots.some((root) => name === `${root}.${cls}`);

export const insecureSnmp: Rule = {
  meta: {
    id: 'PSG526',
    name: 'insecure-snmp',
    title: 'SNMP without authentication and encryption',
    defaultSeverity: 'warning',
    cwe: 319,
    owasp: 'A02:2021-Cryptographic Failures',
    checklistItem: 'https-enforced',
    bandit: ['B508', 'B509'],
    ruff: ['S508', 'S509'],
    fixable: false,
  },
  triggers: ['CommunityData', 'UsmUserData'],
  visitors: {
    call(call, context) {
      const callee = context.model.calleeName(call);
      if (isClass(callee, 'CommunityData')) {
        const model = argumentValue(call, 2, 'mpModel');
        if (model && !(model.type === 'integer' && (model.text === '0' || model.text === '1'))) return;
        context.report({
          node: call,
          message:
            'SNMP v1/v2c sends its community string in clear text and encrypts nothing. Use SNMPv3 (`UsmUserData`) with authentication and privacy keys.',
          confidence: model ? 'high' : 'medium',
        });
        return;
      }
      if (isClass(callee, 'UsmUserData')) {
        if (hasSplat(call)) return;
        const authKey = positionalArguments(call)[1] ?? keywordValue(call, 'authKey');
        const privKey = positionalArguments(call)[2] ?? keywordValue(call, 'privKey');
        const disabled = ['authProtocol', 'privProtocol'].some((name) =>
          /usmNo(?:Auth|Priv)Protocol$/.test(keywordValue(call, name)?.text ?? ''),
        );
        if (authKey && privKey && !disabled) return;
        context.report({
          node: call,
          message:
            'This SNMPv3 user has no authentication or no privacy key (noAuthNoPriv or authNoPriv): messages can be read or forged. Set both keys (authPriv).',
          confidence: 'high',
        });
      }
    },
  },
};
