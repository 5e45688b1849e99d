/**
 * ## What it does
 * Flags connections made with protocols that send credentials and data unencrypted: Telnet
 * (`telnetlib.Telnet`), FTP (`ftplib.FTP`, not `FTP_TLS`) and IPMI through `pyghmi`.
 *
 * ## Why is this bad?
 * Anyone on the network path can read the password and the session, and change the data in
 * transit. These protocols have encrypted successors: SSH (`paramiko`, `asyncssh`), SFTP or FTPS.
 *
 * ## Example
 * ```python
 * ftp = ftplib.FTP("files.example.com")
 * ftp.login(user, password)
 * ```
 *
 * ## Use instead
 * ```python
 * ftp = ftplib.FTP_TLS("files.example.com")
 * ftp.login(user, password)
 * ftp.prot_p()  # encrypt the data connection too
 * ```
 *
 * ## References
 * - CWE-319: Cleartext Transmission of Sensitive Information
 * - OWASP Top 10 2021 A02: Cryptographic Failures
 */
import type { Rule } from '../../ruleApi/types';
import { isTestCode } from '../shared';

const protocols: Record<string, { name: string; instead: string }> = {
  'telnetlib.Telnet': { name: 'Telnet', instead: 'SSH (`paramiko` or `asyncssh`)' },
  'telnetlib3.open_connection': { name: 'Telnet', instead: 'SSH (`paramiko` or `asyncssh`)' },
  'ftplib.FTP': { name: 'FTP', instead: '`ftplib.FTP_TLS` (and `prot_p()`) or SFTP' },
  'pyghmi.ipmi.command.Command': { name: 'IPMI', instead: "the BMC's Redfish API over HTTPS" },
  'pyghmi.ipmi.private.session.Session': { name: 'IPMI', instead: "the BMC's Redfish API over HTTPS" },
};

export const cleartextProtocol: Rule = {
  meta: {
    id: 'PSG523',
    name: 'cleartext-protocol',
    title: 'Telnet, FTP or IPMI connection sends credentials in clear text',
    defaultSeverity: 'warning',
    cwe: 319,
    owasp: 'A02:2021-Cryptographic Failures',
    checklistItem: 'https-enforced',
    bandit: ['B312', 'B321', 'B401', 'B402', 'B415'],
    ruff: ['S312', 'S321', 'S401', 'S402', 'S415'],
    fixable: false,
  },
  triggers: ['telnet', 'ftplib', 'pyghmi', 'FTP', 'Telnet'],
  visitors: {
    call(call, context) {
      const protocol = protocols[context.model.calleeName(call) ?? ''];
      if (!protocol || isTestCode(context.model, call)) return;
      context.report({
        node: call,
        message: `${protocol.name} sends passwords and data unencrypted: anyone on the network path can read or change them. Use ${protocol.instead}.`,
        confidence: 'high',
      });
    },
  },
};
