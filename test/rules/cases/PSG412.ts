import type { RuleCases } from '../types';

export const cases: RuleCases = {
  ruleId: 'PSG412',
  valid: [
    'import os\nos.chmod(path, 0o755)\n',
    'import os\nos.chmod(path, 0o600)\n',
    'import os, stat\nos.chmod(path, stat.S_IRUSR | stat.S_IWUSR)\n',
    'import os\nos.makedirs(d, mode=0o700, exist_ok=True)\n',
    { name: 'mode from a variable', code: 'import os\ndef f(p, m):\n    os.chmod(p, m)\n' },
    'from pathlib import Path\nPath(p).chmod(0o644)\n',
    { name: 'a creation mode is masked by the umask', code: 'import os\nfd = os.open(p, os.O_CREAT | os.O_WRONLY, 0o666)\n' },
    { name: 'mkdir with 0o777 is the default, masked by the umask', code: 'import os\nos.makedirs(d, 0o777)\n' },
    { name: 'nosec', code: 'import os\nos.chmod(p, 0o777)  # nosec B103\n' },
  ],
  invalid: [
    { code: 'import os\nos.chmod(script, 0o777)\n', findings: [{ text: '0o777', message: 'every user' }], output: 'import os\nos.chmod(script, 0o775)\n' },
    { code: 'import os\nos.chmod(p, 0o666)\n', findings: [{ text: '0o666' }], output: 'import os\nos.chmod(p, 0o664)\n' },
    { code: 'import os\nos.chmod(p, 511)\n', findings: [{ text: '511' }], output: null, noFixBecause: 'octal' },
    { code: 'import os, stat\nos.chmod(p, stat.S_IRWXU | stat.S_IWOTH)\n', findings: [{ text: 'stat.S_IRWXU | stat.S_IWOTH' }] },
    { code: 'import os, stat\nos.chmod(p, stat.S_IRWXO)\n', findings: [{ text: 'stat.S_IRWXO' }] },
    { code: 'from pathlib import Path\nPath("run.sh").chmod(0o777)\n', findings: [{ text: '0o777' }], output: 'from pathlib import Path\nPath("run.sh").chmod(0o775)\n' },
    { code: 'import os\nos.fchmod(fd, 0o777)\n', findings: [{ text: '0o777' }] },
    { code: 'import os\nos.lchmod(link, mode=0o646)\n', findings: [{ text: '0o646' }], output: 'import os\nos.lchmod(link, mode=0o644)\n' },
    { code: 'import os\nos.chmod(p, mode=0o1777)\n', findings: [{ text: '0o1777' }], output: 'import os\nos.chmod(p, mode=0o1775)\n' },
  ],
};
