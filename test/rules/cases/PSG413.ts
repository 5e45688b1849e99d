import type { RuleCases } from '../types';

export const cases: RuleCases = {
  ruleId: 'PSG413',
  valid: [
    'import tarfile\nwith tarfile.open(p) as t:\n    t.extractall(d, filter="data")\n',
    'import tarfile\nt = tarfile.open(p)\nt.extractall(d, members=safe_members(t))\n',
    'import zipfile\nwith zipfile.ZipFile(p) as z:\n    z.extractall(d)\n',
    { name: 'an unknown object', code: 'def f(archive):\n    archive.extractall("out")\n' },
    'import tarfile\nt = tarfile.open(p)\nt.extract(m, d, filter="tar")\n',
    'import tarfile\nt = tarfile.open(p)\nt.extractall(d, **opts)\n',
    'import tarfile\nt = tarfile.open(p)\nt.getmembers()\n',
    { name: 'nosec', code: 'import tarfile\nt = tarfile.open(p)\nt.extractall()  # nosec B202\n' },
  ],
  invalid: [
    {
      code: 'import tarfile\nwith tarfile.open(upload) as archive:\n    archive.extractall(target)\n',
      findings: [{ text: 'archive.extractall(target)', message: 'filter="data"' }],
      output: 'import tarfile\nwith tarfile.open(upload) as archive:\n    archive.extractall(target, filter="data")\n',
    },
    { code: 'import tarfile\nt = tarfile.open(p)\nt.extractall()\n', findings: [{ text: 't.extractall()' }], output: 'import tarfile\nt = tarfile.open(p)\nt.extractall(filter="data")\n' },
    { code: 'import tarfile\nt = tarfile.open(p)\nt.extract(member, path=d)\n', findings: [{ text: 't.extract(member, path=d)' }], output: 'import tarfile\nt = tarfile.open(p)\nt.extract(member, path=d, filter="data")\n' },
    { code: 'import tarfile\ntarfile.open(p).extractall(d)\n', findings: [{ text: 'tarfile.open(p).extractall(d)' }] },
    { code: 'from tarfile import TarFile\nt = TarFile.open(p)\nt.extractall(d)\n', findings: [{ text: 't.extractall(d)' }] },
    { code: 'import tarfile as tf\nt = tf.open(p, "r:gz")\nt.extractall(d,)\n', findings: [{ text: 't.extractall(d,)' }], output: 'import tarfile as tf\nt = tf.open(p, "r:gz")\nt.extractall(d, filter="data",)\n' },
    { code: 'import tarfile\ndef unpack(p, d):\n    with tarfile.open(p) as t:\n        t.extractall(path=d)\n', findings: [{ text: 't.extractall(path=d)' }] },
    { code: 'import tarfile\nt = tarfile.TarFile(p)\nt.extractall()\n', findings: [{ text: 't.extractall()' }] },
  ],
};
