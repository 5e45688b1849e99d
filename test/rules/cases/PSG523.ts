import type { RuleCases } from '../types';

export const cases: RuleCases = {
  ruleId: 'PSG523',
  valid: [
    'import ftplib\nftp = ftplib.FTP_TLS("host")\n',
    'import paramiko\nc = paramiko.SSHClient()\n',
    { name: 'import alone is not a connection', code: 'import telnetlib\n' },
    { name: 'an unrelated Telnet class', code: 'class Telnet:\n    pass\nt = Telnet()\n' },
    'from ftplib import FTP_TLS\nftp = FTP_TLS()\n',
    'import smtplib\ns = smtplib.SMTP_SSL("mail")\n',
    { name: 'a method named FTP', code: 'x = client.FTP()\n' },
    { name: 'nosec', code: 'import telnetlib\nt = telnetlib.Telnet("h")  # nosec B312\n' },
  ],
  invalid: [
    { code: 'import telnetlib\ntn = telnetlib.Telnet("router.local")\n', findings: [{ text: 'telnetlib.Telnet("router.local")', message: 'Telnet' }] },
    { code: 'import ftplib\nftp = ftplib.FTP("files.example.com")\n', findings: [{ text: 'ftplib.FTP("files.example.com")', message: 'FTP_TLS' }] },
    { code: 'from ftplib import FTP\nwith FTP(host) as ftp:\n    pass\n', findings: [{ text: 'FTP(host)' }] },
    { code: 'from telnetlib import Telnet as T\nT(h, 23)\n', findings: [{ text: 'T(h, 23)' }] },
    { code: 'from pyghmi.ipmi import command\nc = command.Command(bmc="10.0.0.1", userid="u", password=p)\n', findings: [{ text: 'command.Command(bmc="10.0.0.1", userid="u", password=p)', message: 'IPMI' }] },
    { code: 'import ftplib as f\nf.FTP()\n', findings: [{ text: 'f.FTP()' }] },
    { code: 'def connect(host):\n    import telnetlib\n    return telnetlib.Telnet(host)\n', findings: [{ text: 'telnetlib.Telnet(host)' }] },
    { code: 'import ftplib\nclass C:\n    def open(self):\n        self.ftp = ftplib.FTP(self.host, self.user, self.pw)\n', findings: [{ text: 'ftplib.FTP(self.host, self.user, self.pw)' }] },
  ],
};
