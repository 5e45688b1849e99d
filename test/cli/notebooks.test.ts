import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';

const root = path.join(__dirname, '..', '..');
const cli = path.join(root, 'dist', 'cli.js');
const fixture = path.join(root, 'test', 'fixtures', 'notebooks', 'report.ipynb');

function run(args: string[], cwd: string): { status: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

describe('CLI bundle: notebooks', function () {
  this.timeout(120_000);

  it('the bundled CLI scans a notebook, writes SARIF that validates, and fixes it in place', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'psg-cli-notebook-'));
    fs.copyFileSync(fixture, path.join(dir, 'report.ipynb'));
    const text = run(['scan', '.', '--no-cache'], dir);
    assert.strictEqual(text.status, 1, text.stderr);
    assert.match(text.stdout, /^report\.ipynb:cell 5:1:20: PSG101 /m);
    const sarif = run(['scan', 'report.ipynb', '--no-cache', '--format', 'sarif'], dir);
    const schema = JSON.parse(
      fs.readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'),
    ) as object;
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    assert.ok(validate(JSON.parse(sarif.stdout)), JSON.stringify(validate.errors));
    const fixed = run(['scan', 'report.ipynb', '--no-cache', '--fix'], dir);
    assert.strictEqual(fixed.status, 0, fixed.stdout + fixed.stderr);
    assert.match(fs.readFileSync(path.join(dir, 'report.ipynb'), 'utf8'), /WHERE name = \?\\", \(name,\)\)/);
  });
});
