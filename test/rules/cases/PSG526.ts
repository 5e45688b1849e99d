import type { RuleCases } from '../types';

export const cases: RuleCases = {
  ruleId: 'PSG526',
  valid: [
    'from pysnmp.hlapi import UsmUserData\nu = UsmUserData("mon", AUTH, PRIV)\n',
    'from pysnmp.hlapi import UsmUserData, usmHMACSHAAuthProtocol, usmAesCfb128Protocol\nu = UsmUserData("mon", authKey=A, privKey=P, authProtocol=usmHMACSHAAuthProtocol, privProtocol=usmAesCfb128Protocol)\n',
    { name: 'v3 through a variable model', code: 'from pysnmp.hlapi import CommunityData\ndef f(m):\n    return CommunityData("x", mpModel=m)\n' },
    { name: 'another library', code: 'c = CommunityData("public")\n' },
    { name: 'kwargs', code: 'from pysnmp.hlapi import UsmUserData\nu = UsmUserData("mon", **keys)\n' },
    'from pysnmp.hlapi import SnmpEngine\ne = SnmpEngine()\n',
    { name: 'an unrelated class', code: 'from pysnmp.hlapi import ContextData\nc = ContextData()\n' },
    { name: 'nosec', code: 'from pysnmp.hlapi import CommunityData\nc = CommunityData("public", mpModel=0)  # nosec B508\n' },
  ],
  invalid: [
    { code: 'from pysnmp.hlapi import CommunityData\nauth = CommunityData("public", mpModel=0)\n', findings: [{ text: 'CommunityData("public", mpModel=0)', message: 'v1/v2c', confidence: 'high' }] },
    { code: 'from pysnmp.hlapi import CommunityData\nauth = CommunityData("public", mpModel=1)\n', findings: [{ text: 'CommunityData("public", mpModel=1)' }] },
    { code: 'from pysnmp.hlapi import CommunityData\nauth = CommunityData("public")\n', findings: [{ text: 'CommunityData("public")', confidence: 'medium' }] },
    { code: 'from pysnmp.hlapi import UsmUserData\nu = UsmUserData("mon")\n', findings: [{ text: 'UsmUserData("mon")', message: 'authPriv' }] },
    { code: 'from pysnmp.hlapi import UsmUserData\nu = UsmUserData("mon", AUTH)\n', findings: [{ text: 'UsmUserData("mon", AUTH)' }] },
    { code: 'from pysnmp.hlapi import UsmUserData, usmNoPrivProtocol\nu = UsmUserData("mon", A, P, privProtocol=usmNoPrivProtocol)\n', findings: [{ text: 'UsmUserData("mon", A, P, privProtocol=usmNoPrivProtocol)' }] },
    { code: 'import pysnmp.hlapi as snmp\nc = snmp.CommunityData("private", "public", 0)\n', findings: [{ text: 'snmp.CommunityData("private", "public", 0)' }] },
    { code: 'from pysnmp.entity.rfc3413.oneliner import cmdgen\nc = cmdgen.CommunityData("public")\n', findings: [{ text: 'cmdgen.CommunityData("public")' }] },
  ],
};
