import * as assert from 'assert';
import { spawnSync, SpawnSyncOptions } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { Log } from 'sarif';

const root = path.join(__dirname, '..', '..');
const cli = path.join(root, 'dist', 'cli.js');

/** A folder with a `python-security-guide` command that runs the built CLI: what `npm install --global` gives. */
function installedScanner(): string {
  assert.ok(fs.existsSync(cli), 'dist/ is missing: npm run build');
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'psg-bin-'));
  const command = path.join(bin, 'python-security-guide');
  fs.writeFileSync(command, `#!/bin/sh\nexec '${process.execPath}' '${cli}' "$@"\n`);
  fs.chmodSync(command, 0o755);
  return bin;
}

const gitIdentity = {
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
};

function run(command: string, args: string[], options: SpawnSyncOptions & { cwd: string }) {
  const result = spawnSync(command, args, { encoding: 'utf8', ...options });
  return { status: result.status ?? -1, output: `${String(result.stdout)}${String(result.stderr)}` };
}

function gitRepository(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const init = run('git', ['init', '-q', '-b', 'main'], { cwd: dir });
  assert.strictEqual(init.status, 0, init.output);
  return dir;
}

const vulnerable = [
  'import sqlite3',
  'from flask import Flask, request',
  '',
  'app = Flask(__name__)',
  '',
  '@app.route("/user")',
  'def user():',
  '    db = sqlite3.connect("app.db")',
  `    return db.execute(f"SELECT * FROM users WHERE name = '{request.args['name']}'").fetchall()`,
  '',
].join('\n');

const newVulnerability = [
  '',
  '@app.route("/report")',
  'def report():',
  '    import subprocess',
  '    return subprocess.check_output("cat reports/" + request.args["name"], shell=True)',
  '',
].join('\n');

/** The code blocks of a Markdown file with their language. */
function codeBlocks(markdown: string): { language: string; code: string }[] {
  return [...markdown.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((m) => ({ language: m[1], code: m[2] }));
}

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string>;
}
interface Workflow {
  permissions: Record<string, string>;
  jobs: Record<string, { steps: Step[] }>;
}

/** YAML parsed by PyYAML (Debian's python3-yaml), not by hand. */
function parseYaml<T>(text: string): T {
  const parsed = spawnSync('python3', ['-c', 'import json, sys, yaml; print(json.dumps(yaml.safe_load(sys.stdin)))'], {
    input: text,
    encoding: 'utf8',
  });
  assert.strictEqual(parsed.status, 0, parsed.stderr);
  return JSON.parse(parsed.stdout) as T;
}

describe('CI integrations', function () {
  this.timeout(300000);

  it("docs/ci.md's GitHub Actions workflow: its commands, run as a script, upload SARIF and fail only on new findings", () => {
    const blocks = codeBlocks(fs.readFileSync(path.join(root, 'docs', 'ci.md'), 'utf8'));
    const workflow = parseYaml<Workflow>(blocks.find((b) => b.language === 'yaml' && b.code.includes('jobs:'))!.code);
    assert.strictEqual(
      workflow.permissions['security-events'],
      'write',
      'uploading SARIF needs security-events: write',
    );
    const steps = Object.values(workflow.jobs)[0].steps;
    const install = steps.findIndex((step) => step.name === 'Install the scanner');
    assert.ok(install > 0);
    const upload = steps.find((step) => step.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    assert.ok(upload.with?.sarif_file);
    // The baseline comes from the command the page gives for it.
    const writeBaseline = blocks
      .find((b) => b.language === 'sh' && b.code.includes('--write-baseline'))!
      .code.split('\n')
      .find((line) => line.includes('--write-baseline'))!
      .replace(/#.*$/, '');

    const repo = gitRepository('psg-workflow-');
    fs.writeFileSync(path.join(repo, 'app.py'), vulnerable);
    const env = { ...process.env, PATH: `${installedScanner()}${path.delimiter}${process.env.PATH}`, NO_COLOR: '1' };
    // GitHub runs each `run:` with bash -e -o pipefail.
    const bash = (script: string) =>
      run('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], { cwd: repo, env });
    assert.strictEqual(bash(writeBaseline).status, 0);
    const after = steps.slice(install + 1);
    const runAll = () => after.map((step) => ({ step, ...(step.run ? bash(step.run) : { status: 0, output: '' }) }));
    const sarifFile = path.join(repo, upload.with.sarif_file);

    const accepted = runAll();
    for (const { step, status, output } of accepted) assert.strictEqual(status, 0, `${step.name}: ${output}`);
    const schema = JSON.parse(
      fs.readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'),
    ) as object;
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const log = JSON.parse(fs.readFileSync(sarifFile, 'utf8')) as Log;
    assert.ok(ajv.validate(schema, log), JSON.stringify(ajv.errors?.slice(0, 3)));
    assert.deepStrictEqual(
      log.runs[0].results!.map((r) => r.ruleId),
      ['PSG101'],
      'code scanning gets every finding, the baselined one too',
    );

    fs.appendFileSync(path.join(repo, 'app.py'), newVulnerability);
    const added = runAll();
    const scanned = JSON.parse(fs.readFileSync(sarifFile, 'utf8')) as Log;
    assert.deepStrictEqual(scanned.runs[0].results!.map((r) => r.ruleId).sort(), ['PSG101', 'PSG102']);
    const gate = added[added.length - 1];
    assert.strictEqual(gate.status, 1, 'the last step fails the job on the new finding');
    assert.match(gate.output, /app\.py:14:\d+: PSG102 /);
    assert.doesNotMatch(gate.output, /PSG101/, 'the accepted finding is not reported again');
    for (const { step, status, output } of added.slice(0, -1)) assert.strictEqual(status, 0, `${step.name}: ${output}`);
  });

  it('pre-commit runs the hook from .pre-commit-hooks.yaml on a commit, offline', () => {
    const version = run('pre-commit', ['--version'], { cwd: root });
    assert.strictEqual(version.status, 0, 'pre-commit is needed (Debian package pre-commit; .ci/run installs it)');
    // The hook repository: this project's hook definitions, committed.
    const hooks = gitRepository('psg-hooks-');
    fs.copyFileSync(path.join(root, '.pre-commit-hooks.yaml'), path.join(hooks, '.pre-commit-hooks.yaml'));
    const env = {
      ...process.env,
      ...gitIdentity,
      PATH: `${installedScanner()}${path.delimiter}${process.env.PATH}`,
      PRE_COMMIT_HOME: fs.mkdtempSync(path.join(os.tmpdir(), 'psg-pre-commit-home-')),
      NO_COLOR: '1',
    };
    const git = (cwd: string, ...args: string[]) => run('git', args, { cwd, env });
    git(hooks, 'add', '.pre-commit-hooks.yaml');
    assert.strictEqual(git(hooks, 'commit', '-q', '-m', 'hooks').status, 0);
    const rev = run('git', ['rev-parse', 'HEAD'], { cwd: hooks }).output.trim();

    const project = gitRepository('psg-pre-commit-');
    const config = (args: string[]) =>
      `repos:\n  - repo: ${hooks}\n    rev: ${rev}\n    hooks:\n      - id: python-security-guide\n        args: ${JSON.stringify(args)}\n`;
    fs.writeFileSync(path.join(project, '.pre-commit-config.yaml'), config([]));
    fs.writeFileSync(path.join(project, 'README.md'), 'not Python\n');
    git(project, 'add', '.');
    assert.strictEqual(git(project, 'commit', '-q', '-m', 'start').status, 0);
    const installed = run('pre-commit', ['install'], { cwd: project, env });
    assert.strictEqual(installed.status, 0, installed.output);

    fs.writeFileSync(path.join(project, 'app.py'), vulnerable);
    git(project, 'add', 'app.py');
    const refused = git(project, 'commit', '-m', 'a vulnerable query');
    assert.notStrictEqual(refused.status, 0, 'the commit is refused');
    assert.match(refused.output, /Python Security Guide\.+Failed/);
    assert.match(refused.output, /app\.py:9:\d+: PSG101 /);

    // Accept the finding with a baseline passed through the hook's args: the commit goes through.
    run('bash', ['-c', 'python-security-guide scan . --write-baseline .psg-baseline.json'], { cwd: project, env });
    fs.writeFileSync(path.join(project, '.pre-commit-config.yaml'), config(['--baseline', '.psg-baseline.json']));
    git(project, 'add', '.');
    const accepted = git(project, 'commit', '-m', 'accepted with a baseline');
    assert.strictEqual(accepted.status, 0, accepted.output);
    assert.match(accepted.output, /Python Security Guide\.+Passed/);

    // A file without Python changes: the hook does not run.
    fs.appendFileSync(path.join(project, 'README.md'), 'more\n');
    git(project, 'add', 'README.md');
    const skipped = git(project, 'commit', '-m', 'docs');
    assert.strictEqual(skipped.status, 0, skipped.output);
    assert.match(skipped.output, /Python Security Guide\.+\(no files to check\)Skipped/);
  });
});
