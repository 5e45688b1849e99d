import type { RuleCases } from '../types';

export const cases: RuleCases = {
  ruleId: 'PSG411',
  valid: [
    'import tempfile\nfd, path = tempfile.mkstemp()\n',
    'import tempfile\nf = tempfile.NamedTemporaryFile(delete=False)\n',
    'import tempfile\nd = tempfile.mkdtemp()\n',
    'import tempfile\nwith tempfile.TemporaryDirectory() as d:\n    pass\n',
    { name: 'an unrelated mktemp', code: 'def mktemp():\n    return 1\nmktemp()\n' },
    { name: 'a method named mktemp', code: 'x = self.mktemp()\n' },
    'import tempfile\nt = tempfile.gettempdir()\n',
    { name: 'nosec', code: 'import tempfile\np = tempfile.mktemp()  # nosec B306\n' },
  ],
  invalid: [
    {
      code: 'import tempfile\npath = tempfile.mktemp()\n',
      findings: [{ text: 'tempfile.mktemp()', message: 'NamedTemporaryFile' }],
      output: 'import tempfile\npath = tempfile.NamedTemporaryFile(delete=False).name\n',
    },
    {
      code: 'import tempfile\npath = tempfile.mktemp(suffix=".txt")\n',
      findings: [{ text: 'tempfile.mktemp(suffix=".txt")' }],
      output: 'import tempfile\npath = tempfile.NamedTemporaryFile(suffix=".txt", delete=False).name\n',
    },
    {
      name: 'positional arguments become keywords',
      code: 'import tempfile\npath = tempfile.mktemp(".log", "app-", "/srv")\n',
      findings: [{ text: 'tempfile.mktemp(".log", "app-", "/srv")' }],
      output: 'import tempfile\npath = tempfile.NamedTemporaryFile(suffix=".log", prefix="app-", dir="/srv", delete=False).name\n',
    },
    {
      name: 'imported by name',
      code: 'from tempfile import mktemp\np = mktemp()\n',
      findings: [{ text: 'mktemp()' }],
      output: 'from tempfile import mktemp\nfrom tempfile import NamedTemporaryFile\np = NamedTemporaryFile(delete=False).name\n',
    },
    {
      name: 'module alias',
      code: 'import tempfile as tf\nopen(tf.mktemp(), "w")\n',
      findings: [{ text: 'tf.mktemp()' }],
      output: 'import tempfile as tf\nopen(tf.NamedTemporaryFile(delete=False).name, "w")\n',
    },
    { name: 'kwargs', code: 'import tempfile\np = tempfile.mktemp(**opts)\n', findings: [{ text: 'tempfile.mktemp(**opts)' }], output: null, noFixBecause: 'kwargs' },
    {
      name: 'trailing comma',
      code: 'import tempfile\np = tempfile.mktemp(dir=d,)\n',
      findings: [{ text: 'tempfile.mktemp(dir=d,)' }],
      output: 'import tempfile\np = tempfile.NamedTemporaryFile(dir=d, delete=False).name\n',
    },
    { name: 'name taken', code: 'from tempfile import mktemp\nNamedTemporaryFile = None\np = mktemp()\n', findings: [{ text: 'mktemp()' }], output: null, noFixBecause: 'already used' },
  ],
};
