import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildProgram, EXIT, wantsColor } from '../../server/src/cli/main';

/** Runs the CLI in this process; the report is what it writes to standard output. */
async function cli(args: string[], cwd: string, color = false): Promise<{ status: number; stdout: string }> {
  let stdout = '';
  let status = -1;
  const program = buildProgram({ stdout: (s) => (stdout += s), cwd, color }, (code) => (status = code));
  try {
    await program.parseAsync(['node', 'python-security-guide', ...args, '--no-cache', '-j', '1']);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (!code?.startsWith('commander.')) throw error;
    status = EXIT.error;
  }
  return { status, stdout };
}

function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'psg-adoption-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

interface JsonFinding {
  file: string;
  path: string;
  fingerprint: string;
  line: number;
  ruleId: string;
  confidence: string;
}

const json = (stdout: string) => JSON.parse(stdout) as { findings: JsonFinding[]; baselined?: number };

const flaskApp = [
  'import sqlite3',
  'from flask import Flask, request',
  '',
  'app = Flask(__name__)',
  '',
  '@app.route("/user")',
  'def user():',
  '    db = sqlite3.connect("app.db")',
  '    name = request.args["name"]',
  `    return db.execute(f"SELECT * FROM users WHERE name = '{name}'").fetchall()`,
  '',
].join('\n');

describe('CLI for CI: baseline, confidence, Bandit switches, text output', function () {
  this.timeout(120000);

  it('--write-baseline then --baseline: lines moving keep findings known, new code is reported', async () => {
    const dir = project({ 'app.py': flaskApp });
    const written = await cli(['scan', '.', '--write-baseline', 'baseline.json'], dir);
    assert.strictEqual(written.status, EXIT.clean, 'writing a baseline accepts its findings');
    const baseline = json(fs.readFileSync(path.join(dir, 'baseline.json'), 'utf8'));
    assert.deepStrictEqual(
      baseline.findings.map((f) => [f.ruleId, f.path]),
      [['PSG101', 'app.py']],
    );
    assert.match(baseline.findings[0].fingerprint, /^[0-9a-f]{32}$/);

    assert.strictEqual((await cli(['scan', '.', '--baseline', 'baseline.json'], dir)).status, EXIT.clean);
    // Lines added above move the finding down: still the same finding.
    fs.writeFileSync(path.join(dir, 'app.py'), `"""Users."""\n\n# a comment\n${flaskApp}`);
    const moved = await cli(['scan', '.', '--baseline', 'baseline.json', '--format', 'json'], dir);
    assert.strictEqual(moved.status, EXIT.clean, moved.stdout);
    assert.strictEqual(json(moved.stdout).baselined, 1);

    // A copy of the accepted line is a second finding of the same fingerprint: the entry counts once.
    const line = `    return db.execute(f"SELECT * FROM users WHERE name = '{name}'").fetchall()`;
    const copied = flaskApp.replace(line, `    if request.args.get("all"):\n    ${line}\n${line}`);
    const both = json((await cli(['scan', '.', '--format', 'json'], dir)).stdout).findings;
    fs.writeFileSync(path.join(dir, 'app.py'), copied);
    const again = json((await cli(['scan', '.', '--format', 'json'], dir)).stdout).findings;
    assert.strictEqual(both.length, 1);
    assert.deepStrictEqual(
      again.map((f) => f.fingerprint),
      [both[0].fingerprint, both[0].fingerprint],
      'the copy has the same fingerprint (indentation does not count)',
    );
    const twice = await cli(['scan', '.', '--baseline', 'baseline.json', '--format', 'json'], dir);
    assert.strictEqual(twice.status, EXIT.findings);
    assert.deepStrictEqual(
      json(twice.stdout).findings.map((f) => f.ruleId),
      ['PSG101'],
    );
    assert.strictEqual(json(twice.stdout).baselined, 1);

    // Changing the code makes a new finding.
    fs.writeFileSync(path.join(dir, 'app.py'), flaskApp.replace('FROM users', 'FROM accounts'));
    assert.strictEqual((await cli(['scan', '.', '--baseline', 'baseline.json'], dir)).status, EXIT.findings);
  });

  it('the baseline matches whatever folder the scan runs from; a bad baseline is a usage error', async () => {
    const dir = project({ 'src/app.py': flaskApp, '.git/HEAD': 'ref: refs/heads/main\n' });
    await cli(['scan', 'src', '--write-baseline', 'baseline.json'], dir);
    assert.strictEqual(json(fs.readFileSync(path.join(dir, 'baseline.json'), 'utf8')).findings[0].path, 'src/app.py');
    const inside = await cli(['scan', '.', '--baseline', '../baseline.json'], path.join(dir, 'src'));
    assert.strictEqual(inside.status, EXIT.clean, inside.stdout);
    fs.writeFileSync(path.join(dir, 'broken.json'), '{"findings": [{"ruleId": "PSG101"}]}');
    await assert.rejects(cli(['scan', '.', '--baseline', 'broken.json'], dir), /finding 1 has no ruleId, path/);
    await assert.rejects(cli(['scan', '.', '--baseline', 'missing.json'], dir), /cannot read the baseline/);
  });

  it('--confidence keeps findings at least that confident', async () => {
    const dir = project({
      'app.py': flaskApp,
      'lib.py': 'def run(cur, table):\n    cur.execute("DELETE FROM " + table)\n',
    });
    const all = json((await cli(['scan', '.', '--format', 'json'], dir)).stdout).findings;
    assert.deepStrictEqual(all.map((f) => f.confidence).sort(), ['high', 'low']);
    const high = await cli(['scan', '.', '--format', 'json', '--confidence', 'high'], dir);
    assert.deepStrictEqual(
      json(high.stdout).findings.map((f) => [f.file, f.confidence]),
      [['app.py', 'high']],
    );
    assert.strictEqual((await cli(['scan', '.', '--confidence', 'sure'], dir)).status, EXIT.error);
  });

  it('-s/--skip and -t/--tests take rule, Bandit and Ruff ids', async () => {
    const dir = project({
      'app.py': flaskApp,
      'tasks.py': 'import subprocess\ndef f(name):\n    subprocess.run("ls " + name, shell=True)\n',
    });
    const ids = async (...args: string[]) =>
      json((await cli(['scan', '.', '--format', 'json', ...args], dir)).stdout)
        .findings.map((f) => f.ruleId)
        .sort();
    assert.deepStrictEqual(await ids(), ['PSG101', 'PSG102']);
    assert.deepStrictEqual(await ids('-s', 'B608'), ['PSG102']);
    assert.deepStrictEqual(await ids('--skip', 'S602,PSG101'), []);
    assert.deepStrictEqual(await ids('-t', 'S608'), ['PSG101']);
    assert.deepStrictEqual(await ids('--tests', 'B602', '-s', 'B602'), []);
    assert.deepStrictEqual(await ids('-t', 'PSG102'), ['PSG102']);
    assert.deepStrictEqual(await ids('-t', 'B610'), [], 'the SQL finding here is B608, not B610');
    assert.strictEqual((await cli(['scan', '.', '-s', 'not an id!'], dir)).status, EXIT.error);
  });

  it('--format text: grouped by file, the code line with a caret under the finding', async () => {
    const dir = project({ 'app.py': flaskApp, 'b.py': 'import pickle\ndef f(d):\n\treturn pickle.loads(d)\n' });
    const { stdout } = await cli(['scan', 'app.py', 'b.py'], dir);
    const lines = stdout.split('\n');
    const at = lines.findIndex((line) => line.startsWith('app.py:10:23: PSG101 error (high confidence)'));
    assert.ok(at >= 0, stdout);
    assert.strictEqual(lines[at + 1], '   |');
    assert.strictEqual(
      lines[at + 2],
      `10 |     return db.execute(f"SELECT * FROM users WHERE name = '{name}'").fetchall()`,
    );
    const caret = lines[at + 3];
    assert.strictEqual(caret.indexOf('^'), lines[at + 2].indexOf('f"SELECT'));
    assert.strictEqual(
      caret.trim().replace(/^\|\s*/, ''),
      '^'.repeat(`f"SELECT * FROM users WHERE name = '{name}'"`.length),
    );
    // A tab before the finding is shown as four spaces and the caret stays under the code.
    const pickle = lines.findIndex((line) => line.startsWith('b.py:3:'));
    assert.ok(pickle > at, 'files in the order they were given, each file together');
    assert.strictEqual(lines[pickle + 3].indexOf('^'), lines[pickle + 2].indexOf('pickle.loads'));
    assert.ok(!stdout.includes('\u001b['), 'no colour when not a terminal');
    assert.match(stdout, /2 findings in 2 files/);
  });

  it('colour only for a terminal without NO_COLOR; --quiet; --statistics', async () => {
    assert.strictEqual(wantsColor(true, {}), true);
    assert.strictEqual(wantsColor(true, { NO_COLOR: '1' }), false);
    assert.strictEqual(wantsColor(true, { NO_COLOR: '' }), true, 'an empty NO_COLOR does not count');
    assert.strictEqual(wantsColor(false, {}), false);
    const dir = project({ 'app.py': flaskApp, 'notes.txt': 'not python' });
    const colored = await cli(['scan', '.'], dir, true);
    assert.ok(colored.stdout.includes('\u001b[31mPSG101 error\u001b[0m'), colored.stdout);
    await cli(['scan', '.', '--output', 'report.txt'], dir, true);
    const written = fs.readFileSync(path.join(dir, 'report.txt'), 'utf8');
    assert.ok(
      written.includes('PSG101 error') && !written.includes('\u001b['),
      'no colour in a file, even from a terminal',
    );
    const quiet = await cli(['scan', '.', '--quiet'], dir);
    assert.strictEqual(quiet.status, EXIT.findings);
    assert.match(quiet.stdout, /^app\.py:10:23: PSG101/);
    assert.doesNotMatch(quiet.stdout, /finding in|findings in/);
    const statistics = await cli(['scan', '.', '--statistics'], dir);
    assert.strictEqual(
      statistics.stdout,
      'PSG101 SQL query built from strings: 1 finding, 1 with an automatic fix\n1 finding in 1 file (1 fixable with --fix)\n',
    );
    assert.strictEqual((await cli(['scan', '.', '--quiet'], project({ 'ok.py': 'x = 1\n' }))).stdout, '');
  });
});
