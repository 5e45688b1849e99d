import type { RuleCases } from '../types';

export const cases: RuleCases = {
  ruleId: 'PSG410',
  valid: [
    'import tempfile\nwith tempfile.NamedTemporaryFile() as f:\n    pass\n',
    { name: 'a comparison only inspects the path', code: 'def f(p):\n    return p.startswith("/tmp/")\n' },
    { name: 'a docstring mentions /tmp', code: 'def f():\n    """Writes to /tmp/x."""\n' },
    { name: 'printed, not used', code: 'print("/tmp/cache is cleared")\n' },
    { name: 'a different folder', code: 'open("/var/lib/app/data.db")\n' },
    { name: 'a tmp-like prefix', code: 'open("/tmpfiles/x")\n' },
    { name: 'a comparison with ==', code: 'if path == "/tmp":\n    pass\n' },
    { name: 'nosec', code: 'open("/tmp/x", "w")  # nosec B108\n' },
  ],
  invalid: [
    { code: 'with open("/tmp/report.csv", "w") as out:\n    pass\n', findings: [{ text: '"/tmp/report.csv"', message: 'tempfile' }] },
    { code: 'CACHE_DIR = "/var/tmp/app"\n', findings: [{ text: '"/var/tmp/app"' }] },
    { code: 'def f(path="/tmp/out.txt"):\n    pass\n', findings: [{ text: '"/tmp/out.txt"' }] },
    { code: 'import os\nos.makedirs("/dev/shm/work")\n', findings: [{ text: '"/dev/shm/work"' }] },
    { code: 'save(target=f"/tmp/{name}.json")\n', findings: [{ text: 'f"/tmp/{name}.json"' }] },
    { code: 'from pathlib import Path\nPath("/tmp") / "x"\n', findings: [{ text: '"/tmp"' }] },
    { code: 'LOG = "/tmp/" + name\n', findings: [{ text: '"/tmp/"' }] },
    { code: 'db = sqlite3.connect("/tmp/app.db")\n', findings: [{ text: '"/tmp/app.db"' }] },
  ],
};
