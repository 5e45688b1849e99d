import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import JSZip from 'jszip';
import * as os from 'os';
import * as path from 'path';
import type { CompactAdvisories } from '../../server/src/packaging/advisories';
import { loadAdvisories } from '../../server/src/packaging/advisoryFiles';
import { useNodeAdvisories } from '../../server/src/workspace/nodeFileAccess';

// The analysis reads the shipped advisory data through Node here, as the server and the CLI do.
useNodeAdvisories();

const root = path.join(__dirname, '..', '..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
const script = path.join(root, 'scripts', 'update-advisories.ts');

function update(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(tsx, [script, ...args], { encoding: 'utf8', cwd: root });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const yamlRecord = (id: string, name: string, fixed: string, extra = '') =>
  `id: ${id}\nmodified: 2025-03-0${id.slice(-1)}T10:00:00Z\nsummary: ${name} before ${fixed} is affected\naliases:\n- CVE-${id}\naffected:\n- package:\n    ecosystem: PyPI\n    name: ${name}\n  ranges:\n  - type: ECOSYSTEM\n    events:\n    - introduced: "0"\n    - fixed: ${fixed}\n  versions:\n  - 0.9\n  - '1.10'\n${extra}`;

describe('scripts/update-advisories.ts', function () {
  this.timeout(120000);
  let dir: string;
  before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'psg-update-advisories-'))));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('compacts a checkout of the advisory repository (YAML), leaving withdrawn advisories out', () => {
    const checkout = path.join(dir, 'advisory-database');
    fs.mkdirSync(path.join(checkout, 'vulns', 'demo'), { recursive: true });
    fs.mkdirSync(path.join(checkout, '.git'), { recursive: true });
    fs.writeFileSync(path.join(checkout, '.git', 'HEAD'), '0123456789abcdef0123456789abcdef01234567\n');
    fs.writeFileSync(
      path.join(checkout, 'vulns', 'demo', 'PYSEC-2025-1.yaml'),
      yamlRecord('PYSEC-2025-1', 'Demo_Pkg', '1.0'),
    );
    fs.writeFileSync(
      path.join(checkout, 'vulns', 'demo', 'PYSEC-2025-2.yaml'),
      yamlRecord('PYSEC-2025-2', 'demo-pkg', '2.0', 'withdrawn: 2025-04-01T00:00:00Z\n'),
    );
    const out = path.join(dir, 'from-checkout.json');
    const run = update([checkout, '--out', out]);
    assert.strictEqual(run.status, 0, run.stderr);
    const data = JSON.parse(fs.readFileSync(out, 'utf8')) as CompactAdvisories;
    assert.strictEqual(data.commit, '0123456789abcdef0123456789abcdef01234567');
    assert.strictEqual(data.date, '2025-03-01', 'the newest modified date of the advisories kept');
    assert.deepStrictEqual(data.advisories, [
      ['PYSEC-2025-1', ['CVE-PYSEC-2025-1'], 'Demo_Pkg before 1.0 is affected'],
    ]);
    // 0.9 is inside [0, 1.0): left out; 1.10 (written so that YAML keeps it a string) is outside: kept.
    assert.deepStrictEqual(data.packages, { 'demo-pkg': [[0, [['i:0', 'f:1.0']], ['1.10']]] });
    // The file is what the setting and --advisories read.
    const loaded = loadAdvisories(out);
    assert.strictEqual(loaded.problem, undefined);
    assert.deepStrictEqual(
      loaded.database!.affecting('demo.pkg', '0.5').map((a) => a.id),
      ['PYSEC-2025-1'],
    );
  });

  it('compacts an OSV export zip, with the date given', async () => {
    const zip = new JSZip();
    zip.file(
      'PYSEC-2025-3.json',
      JSON.stringify({
        id: 'PYSEC-2025-3',
        modified: '2025-05-01T00:00:00Z',
        details: 'a long description',
        affected: [
          {
            package: { ecosystem: 'PyPI', name: 'zipped' },
            ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '1.0' }, { last_affected: '1.4' }] }],
          },
        ],
      }),
    );
    zip.file(
      'GHSA-npm.json',
      JSON.stringify({ id: 'GHSA-x', affected: [{ package: { ecosystem: 'npm', name: 'x' } }] }),
    );
    const file = path.join(dir, 'all.zip');
    fs.writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer' }));
    const out = path.join(dir, 'from-zip.json');
    const run = update([file, '--date', '2025-06-30', '--out', out]);
    assert.strictEqual(run.status, 0, run.stderr);
    const data = JSON.parse(fs.readFileSync(out, 'utf8')) as CompactAdvisories;
    assert.strictEqual(data.date, '2025-06-30');
    assert.deepStrictEqual(data.advisories, [['PYSEC-2025-3', [], 'a long description']]);
    assert.deepStrictEqual(data.packages, { zipped: [[0, [['i:1.0', 'l:1.4']]]] });
  });

  it('fails with a clear message on input it cannot use, writing nothing', () => {
    const broken = path.join(dir, 'broken.json');
    fs.writeFileSync(broken, '{"advisories": [');
    const out = path.join(dir, 'never.json');
    const run = update([broken, '--out', out]);
    assert.strictEqual(run.status, 1);
    assert.match(run.stderr, /^update-advisories: .*broken\.json/);
    assert.ok(!fs.existsSync(out));
    assert.match(update(['--date', 'yesterday', broken]).stderr, /--date expects YYYY-MM-DD/);
  });
});
