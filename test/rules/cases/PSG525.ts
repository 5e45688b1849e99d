import type { RuleCases } from '../types';

export const cases: RuleCases = {
  ruleId: 'PSG525',
  valid: [
    'import paramiko\nc = paramiko.SSHClient()\nc.set_missing_host_key_policy(paramiko.RejectPolicy())\n',
    'import paramiko\nc = paramiko.SSHClient()\nc.load_system_host_keys()\n',
    { name: 'a custom policy', code: 'import paramiko\nc.set_missing_host_key_policy(PinnedPolicy())\n' },
    { name: 'not paramiko', code: 'c.set_missing_host_key_policy(AutoAddPolicy())\n' },
    'from paramiko import RejectPolicy\nc.set_missing_host_key_policy(RejectPolicy())\n',
    { name: 'another method', code: 'import paramiko\nc.set_policy(paramiko.AutoAddPolicy())\n' },
    { name: 'a policy variable', code: 'import paramiko\ndef f(c, policy):\n    c.set_missing_host_key_policy(policy)\n' },
    { name: 'nosec', code: 'import paramiko\nc.set_missing_host_key_policy(paramiko.AutoAddPolicy())  # nosec B507\n' },
  ],
  invalid: [
    {
      code: 'import paramiko\nclient = paramiko.SSHClient()\nclient.set_missing_host_key_policy(paramiko.AutoAddPolicy())\n',
      findings: [{ text: 'paramiko.AutoAddPolicy()', message: 'RejectPolicy' }],
      output: 'import paramiko\nclient = paramiko.SSHClient()\nclient.set_missing_host_key_policy(paramiko.RejectPolicy())\n',
    },
    { code: 'import paramiko\nc.set_missing_host_key_policy(paramiko.WarningPolicy())\n', findings: [{ text: 'paramiko.WarningPolicy()' }], output: 'import paramiko\nc.set_missing_host_key_policy(paramiko.RejectPolicy())\n' },
    { code: 'import paramiko\nc.set_missing_host_key_policy(paramiko.AutoAddPolicy)\n', findings: [{ text: 'paramiko.AutoAddPolicy' }], output: 'import paramiko\nc.set_missing_host_key_policy(paramiko.RejectPolicy)\n' },
    { code: 'from paramiko import AutoAddPolicy\nc.set_missing_host_key_policy(AutoAddPolicy())\n', findings: [{ text: 'AutoAddPolicy()' }], output: null, noFixBecause: 'imported by name' },
    { code: 'from paramiko.client import WarningPolicy\nc.set_missing_host_key_policy(WarningPolicy())\n', findings: [{ text: 'WarningPolicy()' }] },
    { code: 'import paramiko as pm\nc.set_missing_host_key_policy(pm.AutoAddPolicy())\n', findings: [{ text: 'pm.AutoAddPolicy()' }], output: 'import paramiko as pm\nc.set_missing_host_key_policy(pm.RejectPolicy())\n' },
    { code: 'import paramiko\nc.set_missing_host_key_policy(policy=paramiko.AutoAddPolicy())\n', findings: [{ text: 'paramiko.AutoAddPolicy()' }] },
    { code: 'import paramiko\ndef connect(host):\n    c = paramiko.SSHClient()\n    c.set_missing_host_key_policy(paramiko.client.AutoAddPolicy())\n', findings: [{ text: 'paramiko.client.AutoAddPolicy()' }] },
  ],
};
