import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { Log } from 'sarif';

const root = path.join(__dirname, '..', '..');
const cli = path.join(root, 'dist', 'cli.js');
const examples = path.join(root, 'examples');

function run(args: string[], cwd = root): { status: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** The report `scan --format json` prints (the fields these tests read). */
interface JsonReport {
  filesScanned: number;
  findings: {
    file: string;
    line: number;
    ruleId: string;
    message: string;
    fix: unknown;
    flow: { line: number; message: string }[] | null;
  }[];
}

function jsonReport(stdout: string): JsonReport {
  return JSON.parse(stdout) as JsonReport;
}

function tempCopy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'psg-cli-'));
  fs.cpSync(examples, dir, { recursive: true });
  return dir;
}

describe('CLI', function () {
  this.timeout(60000);

  it('scans examples/: all three kinds found, which have fixes shown, exit code 1', () => {
    const { status, stdout } = run(['scan', 'examples/']);
    assert.strictEqual(status, 1);
    for (const id of ['PSG101', 'PSG201', 'PSG401'])
      assert.match(stdout, new RegExp(`examples/app\\.py:\\d+:\\d+: ${id} `));
    assert.match(stdout, /\[fix: Parameterize query\]/);
    assert.match(stdout, /\[fix: Redact the secret from the log line\]/);
    assert.match(stdout, /\[unsafe fix: Add path containment \(raises ValueError for a path outside the folder\)\]/);
    assert.match(stdout, /examples\/reports\.py:15:\d+: PSG101 .*allowlist.*\[no automatic fix\]/);
    assert.doesNotMatch(stdout, /safe\.py:/);
  });

  it('exit code 0 when nothing is found, 2 on a missing path or bad usage', () => {
    assert.strictEqual(run(['scan', 'examples/safe.py']).status, 0);
    const missing = run(['scan', 'no/such/dir']);
    assert.strictEqual(missing.status, 2);
    assert.match(missing.stderr, /no\/such\/dir: no such file or directory/);
    assert.strictEqual(run(['scan', 'examples', '--fix', '--diff']).status, 2);
    assert.strictEqual(run(['scan', 'examples', '--format', 'xml']).status, 2);
    assert.strictEqual(run(['scan']).status, 2);
  });

  it('SARIF 2.1.0 output validates against the schema and carries rule metadata', () => {
    const { status, stdout } = run(['scan', 'examples', '--format', 'sarif']);
    assert.strictEqual(status, 1);
    const log = JSON.parse(stdout) as Log;
    const schema = JSON.parse(
      fs.readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'),
    ) as object;
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
    assert.strictEqual(log.version, '2.1.0');
    const run0 = log.runs[0];
    const sqlRule = run0.tool.driver.rules!.find((rule) => rule.id === 'PSG101')!;
    assert.strictEqual(sqlRule.name, 'sql-built-from-strings');
    assert.ok(sqlRule.shortDescription?.text && sqlRule.fullDescription?.text);
    assert.match(sqlRule.helpUri!, /^file:\/\/.*docs\/rules\/PSG101\.md$/);
    assert.deepStrictEqual(sqlRule.properties!.tags!.slice(0, 2), ['security', 'CWE-89']);
    assert.ok(Number(sqlRule.properties!['security-severity']) > 0);
    const results = run0.results!;
    assert.strictEqual(results.length, 8);
    // A tainted flow carries its path from the source to the sink.
    const flowing = results.find((result) => result.ruleId === 'PSG101' && result.properties?.confidence === 'high')!;
    const steps = flowing.codeFlows![0].threadFlows[0].locations;
    assert.match(steps[0].location!.message!.text!, /untrusted data enters from `request\.args`/);
    assert.match(steps[steps.length - 1].location!.message!.text!, /reaches `db\.execute`/);
    for (const result of results) {
      const location = result.locations![0].physicalLocation!;
      assert.match(location.artifactLocation!.uri!, /^examples\/(app|reports)\.py$/);
      assert.ok(location.region!.startLine! >= 1 && location.region!.startColumn! >= 1);
      assert.ok(['error', 'warning', 'note'].includes(result.level!));
      assert.strictEqual(run0.tool.driver.rules![result.ruleIndex!].id, result.ruleId);
    }
  });

  it('JSON output lists findings with positions and fixes', () => {
    const out = jsonReport(run(['scan', 'examples/app.py', '--format', 'json']).stdout);
    assert.strictEqual(out.filesScanned, 1);
    assert.deepStrictEqual(
      out.findings.map((f) => f.ruleId),
      ['PSG101', 'PSG609', 'PSG132', 'PSG201', 'PSG401'],
    );
    const fixable = out.findings.filter((f) => f.fix && f.line > 0).map((f) => f.ruleId);
    assert.deepStrictEqual(fixable, ['PSG101', 'PSG201', 'PSG401']);
    const flow = out.findings.find((f) => f.ruleId === 'PSG101')?.flow;
    assert.ok(flow && flow.length >= 2 && flow.every((step) => step.line > 0 && step.message));
  });

  it('--diff prints the fixes without writing; --fix writes them and reports what changed', () => {
    const dir = tempCopy();
    const before = fs.readFileSync(path.join(dir, 'app.py'), 'utf8');
    const diff = run(['scan', '.', '--diff'], dir);
    assert.match(diff.stdout, /^--- a\/app\.py/m);
    assert.match(
      diff.stdout,
      /^\+\s+rows = db\.execute\("SELECT id, email FROM users WHERE username = \?", \(username,\)\)\.fetchall\(\)$/m,
    );
    assert.strictEqual(fs.readFileSync(path.join(dir, 'app.py'), 'utf8'), before);

    // --fix applies safe fixes of findings of known origin only: the path containment (unsafe) and
    // the low-confidence SQL finding in reports.py (a parameter of a library function) are left.
    const fixed = run(['scan', '.', '--fix'], dir);
    assert.match(fixed.stdout, /app\.py: applied 2 fixes/);
    assert.match(fixed.stdout, /reports\.py: applied 1 fix$/m);
    assert.match(
      fixed.stdout,
      /\[unsafe fix: Add path containment \(raises ValueError for a path outside the folder\)\]/,
    );
    assert.match(fixed.stdout, /reports\.py:9:\d+: PSG101 .*\[fix to review: Parameterize query\]/);
    assert.match(fixed.stdout, /\(0 fixable with --fix, 1 more with --unsafe-fixes\)/);
    let after = fs.readFileSync(path.join(dir, 'app.py'), 'utf8');
    assert.match(after, /with password \*\*\*"\)/);
    assert.doesNotMatch(after, /is_relative_to/);
    const reports = fs.readFileSync(path.join(dir, 'reports.py'), 'utf8');
    assert.match(reports, /print\("connecting with token", "\*\*\*"\)/);
    assert.match(reports, /% month/, 'the low-confidence SQL finding is left for review');

    const unsafe = run(['scan', '.', '--fix', '--unsafe-fixes'], dir);
    assert.match(unsafe.stdout, /app\.py: applied 1 fix$/m);
    after = fs.readFileSync(path.join(dir, 'app.py'), 'utf8');
    assert.match(after, /is_relative_to/);
    const rescan = run(['scan', '.', '--format', 'json'], dir);
    const left = jsonReport(rescan.stdout).findings.map((f) => `${f.file}:${f.ruleId}:${f.line}`);
    assert.deepStrictEqual(
      left.filter((f) => f.startsWith('reports.py')),
      ['reports.py:PSG101:9', 'reports.py:PSG101:15'],
    );
    assert.deepStrictEqual(
      left.filter((f) => f.startsWith('app.py')).map((f) => f.split(':')[1]),
      ['PSG609', 'PSG132'],
    );
  });

  it('unsafe-fixes = true in pyproject.toml is the same as --unsafe-fixes', () => {
    const dir = tempCopy();
    fs.writeFileSync(path.join(dir, 'pyproject.toml'), '[tool.python-security-guide]\nunsafe-fixes = true\n');
    const fixed = run(['scan', 'app.py', '--fix'], dir);
    assert.match(fixed.stdout, /app\.py: applied 3 fixes/);
    fs.writeFileSync(path.join(dir, 'pyproject.toml'), '[tool.python-security-guide]\nunsafe-fixes = "yes"\n');
    assert.match(run(['scan', 'app.py'], dir).stderr, /unsafe-fixes: expected true or false/);
  });

  it('exit code 2, with the file named, when a file in the scan could not be read, even with findings', () => {
    const dir = tempCopy();
    // A dangling link is listed by the walk and cannot be read, whoever runs the test (root reads any mode).
    fs.symlinkSync(path.join(dir, 'gone.py'), path.join(dir, 'dangling.py'));
    const result = run(['scan', '.'], dir);
    assert.strictEqual(result.status, 2, result.stderr);
    assert.match(result.stdout, /^dangling\.py: error: /m);
    assert.match(result.stdout, /app\.py:\d+:\d+: PSG101 /, 'the other files are still scanned and reported');
  });

  it('skips .git, node_modules and virtual environments, honours --exclude and pyproject excludes', () => {
    const dir = tempCopy();
    for (const sub of ['.git', 'node_modules/pkg', 'env', 'generated']) {
      fs.mkdirSync(path.join(dir, sub), { recursive: true });
      fs.copyFileSync(path.join(dir, 'app.py'), path.join(dir, sub, 'copy.py'));
    }
    fs.writeFileSync(path.join(dir, 'env', 'pyvenv.cfg'), 'home = /usr/bin\n');
    const files = (args: string[]) =>
      [
        ...new Set(jsonReport(run(['scan', '.', '--format', 'json', ...args], dir).stdout).findings.map((f) => f.file)),
      ].sort();
    assert.deepStrictEqual(files([]), ['app.py', 'generated/copy.py', 'reports.py']);
    assert.deepStrictEqual(files(['--exclude', 'generated/**']), ['app.py', 'reports.py']);
    fs.writeFileSync(
      path.join(dir, 'pyproject.toml'),
      '[tool.python-security-guide]\nexclude = ["generated/**", "reports.py"]\n',
    );
    assert.deepStrictEqual(files([]), ['app.py']);
  });

  it('a broken pyproject.toml gives one clear message and the defaults', () => {
    const dir = tempCopy();
    fs.writeFileSync(path.join(dir, 'pyproject.toml'), '[tool.python-security-guide\nexclude = [');
    const result = run(['scan', '.', '--format', 'json'], dir);
    assert.strictEqual(result.status, 1);
    assert.match(result.stderr, /pyproject\.toml: invalid TOML.*using the defaults/);
    const findings = jsonReport(result.stdout).findings;
    // The example's 8 findings, and the dependency audit saying the manifest could not be checked.
    assert.strictEqual(findings.length, 9);
    const unchecked = findings.filter((f) => f.file === 'pyproject.toml');
    assert.deepStrictEqual(
      unchecked.map((f) => f.ruleId),
      ['PSG803'],
    );
    assert.match(unchecked[0].message, /cannot be parsed/);
  });

  it('rule settings from pyproject.toml turn a rule off', () => {
    const dir = tempCopy();
    fs.writeFileSync(path.join(dir, 'pyproject.toml'), '[tool.python-security-guide.rules]\nPSG201 = "off"\n');
    const out = jsonReport(run(['scan', '.', '--format', 'json'], dir).stdout);
    assert.ok(out.findings.length > 0 && out.findings.every((f) => f.ruleId !== 'PSG201'));
  });

  it('scans requirements*.txt, pyproject.toml and .env files with the file rules', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'psg-cli-files-'));
    fs.mkdirSync(path.join(dir, '.git'));
    fs.writeFileSync(path.join(dir, 'requirements.txt'), 'flask==3.0.0\nrequests\n');
    fs.writeFileSync(path.join(dir, 'pyproject.toml'), '[project]\nname = "x"\ndependencies = ["click>=8"]\n');
    fs.writeFileSync(path.join(dir, '.env'), 'API_KEY=abc123\n');
    fs.writeFileSync(path.join(dir, '.env.example'), 'API_KEY=\n');
    const scan = () =>
      jsonReport(run(['scan', '.', '--format', 'json'], dir).stdout)
        .findings.map((f) => `${f.file}:${f.line}:${f.ruleId}`)
        .sort();
    assert.deepStrictEqual(scan(), ['.env:1:PSG802', 'pyproject.toml:3:PSG801', 'requirements.txt:2:PSG801']);
    fs.writeFileSync(path.join(dir, '.gitignore'), '.env\n');
    assert.deepStrictEqual(scan(), ['pyproject.toml:3:PSG801', 'requirements.txt:2:PSG801']);
  });
});
