import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SettingsResolver } from '../../server/src/config/resolver';
import { defaultSettings, editorOverrides, findPyproject, readPyproject } from '../../server/src/config/settings';
import { analyze } from '../support/engine';
import { allFileRules, allRules } from '../../server/src/rules';
import { nodeFileAccess } from '../../server/src/workspace/nodeFileAccess';

const catalogRules = [...allRules, ...allFileRules];

const root = path.join(__dirname, '..', '..');

function project(pyproject: string, files: Record<string, string> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'psg-config-'));
  fs.writeFileSync(path.join(dir, 'pyproject.toml'), pyproject);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const shellAndYaml =
  'import subprocess, yaml\ndef f(name, s):\n    subprocess.run("ls " + name, shell=True)\n    return yaml.load(s)\n';

describe('configuration', () => {
  it("the editor's default paramstyle leaves pyproject's in force; an explicit one wins", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'psg-editor-'));
    fs.writeFileSync(path.join(dir, 'pyproject.toml'), '[tool.python-security-guide]\nparamstyle = "format"\n');
    const resolver = new SettingsResolver(catalogRules, nodeFileAccess);
    const file = path.join(dir, 'app.py');
    assert.strictEqual(
      resolver.resolve(file, editorOverrides({ sql: { paramstyle: 'auto' }, rules: {} })).settings.paramstyle,
      'format',
    );
    assert.strictEqual(
      resolver.resolve(file, editorOverrides({ sql: { paramstyle: 'qmark' } })).settings.paramstyle,
      'qmark',
    );
    assert.strictEqual(
      resolver.resolve(file, editorOverrides({ severityThreshold: null })).settings.severityThreshold,
      defaultSettings.severityThreshold,
    );
  });

  it('[tool.bandit] skips turns off the rules whose Bandit checks are all skipped', async () => {
    const dir = project('[tool.bandit]\nskips = ["B601", "B602", "B605", "B609"]\n');
    const settings = readPyproject(path.join(dir, 'pyproject.toml'), catalogRules, nodeFileAccess);
    assert.strictEqual(settings.rules.PSG102, 'off');
    assert.deepStrictEqual(
      (await analyze(shellAndYaml, settings)).findings.map((f) => f.ruleId),
      ['PSG702'],
    );
  });

  it('[tool.bandit] skips of one of several checks keeps the rule', () => {
    const dir = project('[tool.bandit]\nskips = ["B602"]\n');
    assert.strictEqual(
      readPyproject(path.join(dir, 'pyproject.toml'), catalogRules, nodeFileAccess).rules.PSG102,
      undefined,
    );
  });

  it('[tool.bandit] skips = ["B608"] drops the B608 findings of a rule that also covers B610, not its B610 ones', async () => {
    const settings = readPyproject(
      path.join(project('[tool.bandit]\nskips = ["B608"]\n'), 'pyproject.toml'),
      catalogRules,
      nodeFileAccess,
    );
    const b608 = 'def f(cur, t):\n    cur.execute(f"SELECT * FROM {t}")\n';
    const b610 = "def f(request, User):\n    User.objects.extra(where=[f\"name = '{request.GET['n']}'\"])\n";
    assert.deepStrictEqual(
      (await analyze(b608)).findings.map((f) => f.ruleId),
      ['PSG101'],
    );
    assert.deepStrictEqual(
      (await analyze(b608, settings)).findings.map((f) => f.ruleId),
      [],
    );
    assert.deepStrictEqual(
      (await analyze(b610, settings)).findings.map((f) => f.ruleId),
      ['PSG101'],
    );
    const own = project('[tool.bandit]\nskips = ["B608"]\n[tool.python-security-guide.rules]\nPSG101 = "warning"\n');
    const wins = readPyproject(path.join(own, 'pyproject.toml'), catalogRules, nodeFileAccess);
    assert.deepStrictEqual(
      (await analyze(b608, wins)).findings.map((f) => f.ruleId),
      ['PSG101'],
      'a rule our own table sets is left alone',
    );
  });

  it('confidence drops less confident findings (pyproject, the editor setting over it)', async () => {
    const dir = project('[tool.python-security-guide]\nconfidence = "medium"\n');
    const settings = readPyproject(path.join(dir, 'pyproject.toml'), catalogRules, nodeFileAccess);
    assert.strictEqual(settings.confidence, 'medium');
    // `name` is a parameter: its origin is unknown, so the finding has low confidence.
    const unknown = 'import subprocess\ndef f(name):\n    subprocess.run("ls " + name, shell=True)\n';
    const known = 'import subprocess\ndef f():\n    subprocess.run("ls " + input(), shell=True)\n';
    assert.deepStrictEqual(
      (await analyze(unknown)).findings.map((f) => f.confidence),
      ['low'],
    );
    assert.deepStrictEqual((await analyze(unknown, settings)).findings, []);
    assert.strictEqual((await analyze(known, settings)).findings.length, 1);
    const resolver = new SettingsResolver(catalogRules, nodeFileAccess);
    const file = path.join(dir, 'app.py');
    assert.strictEqual(resolver.resolve(file, editorOverrides({ confidence: null })).settings.confidence, 'medium');
    assert.strictEqual(resolver.resolve(file, editorOverrides({ confidence: 'high' })).settings.confidence, 'high');
    assert.match(
      resolver.resolve(file, { confidence: 'sure' }).problem ?? '',
      /confidence: expected one of high, medium, low/,
    );
  });

  it("the editor shows low-confidence findings one severity lower by default; lowConfidence: 'same' keeps them", async () => {
    const resolver = new SettingsResolver(catalogRules, nodeFileAccess);
    const file = path.join(project(''), 'app.py');
    const unknown = 'import subprocess\ndef f(name):\n    subprocess.run("ls " + name, shell=True)\n';
    const known = 'import subprocess\ndef f():\n    subprocess.run("ls " + input(), shell=True)\n';
    const severities = async (code: string, section: Record<string, unknown>) =>
      (await analyze(code, resolver.resolve(file, editorOverrides(section)).settings)).findings.map((f) => [
        f.confidence,
        f.severity,
      ]);
    // The editor's default for the setting is "quieter" (package.json); the command line sets none.
    assert.deepStrictEqual(await severities(unknown, { lowConfidence: 'quieter' }), [['low', 'warning']]);
    assert.deepStrictEqual(await severities(unknown, { lowConfidence: 'same' }), [['low', 'error']]);
    assert.deepStrictEqual(await severities(known, { lowConfidence: 'quieter' }), [['medium', 'error']]);
    assert.deepStrictEqual(
      (await analyze(unknown, resolver.resolve(file, undefined).settings)).findings.map((f) => f.severity),
      ['error'],
    );
  });

  it('[tool.bandit] tests keeps only rules covering a listed check; our own table wins over it', async () => {
    const dir = project('[tool.bandit]\ntests = ["B506"]\n');
    const settings = readPyproject(path.join(dir, 'pyproject.toml'), catalogRules, nodeFileAccess);
    assert.deepStrictEqual(
      (await analyze(shellAndYaml, settings)).findings.map((f) => f.ruleId),
      ['PSG702'],
    );
    assert.strictEqual(settings.rules.PSG201, undefined, 'rules without a Bandit equivalent are left alone');
    const both = project('[tool.bandit]\ntests = ["B506"]\n[tool.python-security-guide.rules]\nPSG102 = "warning"\n');
    assert.strictEqual(
      readPyproject(path.join(both, 'pyproject.toml'), catalogRules, nodeFileAccess).rules.PSG102,
      'warning',
    );
  });

  it('[tool.bandit] exclude_dirs become exclusion globs', () => {
    const dir = project('[tool.bandit]\nexclude_dirs = ["tests", "./build/"]\n');
    const { exclude } = readPyproject(path.join(dir, 'pyproject.toml'), catalogRules, nodeFileAccess);
    assert.ok(
      exclude.includes('tests/**') && exclude.includes('**/tests/**') && exclude.includes('build/**'),
      exclude.join(', '),
    );
  });

  it('severityThreshold drops less severe findings', async () => {
    const dir = project(
      '[tool.python-security-guide]\nseverityThreshold = "error"\n[tool.python-security-guide.rules]\nPSG702 = "warning"\n',
    );
    const settings = readPyproject(path.join(dir, 'pyproject.toml'), catalogRules, nodeFileAccess);
    assert.strictEqual(settings.severityThreshold, 'error');
    assert.deepStrictEqual(
      (await analyze(shellAndYaml, settings)).findings.map((f) => f.ruleId),
      ['PSG102'],
    );
    assert.deepStrictEqual(
      (await analyze(shellAndYaml)).findings.map((f) => f.ruleId),
      ['PSG102', 'PSG702'],
    );
  });

  for (const [name, text, message] of [
    ['invalid TOML', '[tool.bandit\nskips = [', /invalid TOML/],
    ['skips of the wrong type', '[tool.bandit]\nskips = "B602"\n', /\[tool\.bandit\] skips: expected a list/],
    [
      'an unknown threshold',
      '[tool.python-security-guide]\nseverityThreshold = "loud"\n',
      /severityThreshold: expected one of/,
    ],
    ['a table where a list belongs', '[tool.python-security-guide]\nexclude = { a = 1 }\n', /exclude: expected a list/],
  ] as [string, string, RegExp][]) {
    it(`a malformed config (${name}) gives one clear message and the defaults`, () => {
      const dir = project(text);
      const resolved = new SettingsResolver(catalogRules, nodeFileAccess).resolve(path.join(dir, 'app.py'), undefined);
      assert.match(resolved.problem ?? '', message);
      assert.match(resolved.problem ?? '', /pyproject\.toml/);
      assert.match(resolved.problem ?? '', /using the defaults/);
      assert.deepStrictEqual(resolved.settings, defaultSettings);
    });
  }

  it('a scan looks up the nearest pyproject.toml once per folder and finds the same one as a lookup each time', () => {
    const dir = project('[tool.python-security-guide]\n', {
      'a/pyproject.toml': '[tool.python-security-guide]\n',
      'a/b/c/app.py': '',
      'a/b/other.py': '',
      'a/d/pyproject.toml': '[tool.python-security-guide]\n',
      'a/d/e/app.py': '',
      'f/g/app.py': '',
      'top.py': '',
    });
    try {
      // Asked in an order where a deeper folder comes first and its parents are then answered from the lookups made.
      const files = ['a/b/c/app.py', 'a/b/other.py', 'a/d/e/app.py', 'f/g/app.py', 'top.py', 'a/d/e/app.py'].map((f) =>
        path.join(dir, f),
      );
      const nearest = new Map<string, string | undefined>();
      const kept = files.map((file) => findPyproject(file, nodeFileAccess, nearest));
      const each = files.map((file) => findPyproject(file, nodeFileAccess));
      assert.deepStrictEqual(kept, each);
      assert.deepStrictEqual(
        each.map((found) => found && path.relative(dir, found)),
        [
          path.join('a', 'pyproject.toml'),
          path.join('a', 'pyproject.toml'),
          path.join('a', 'd', 'pyproject.toml'),
          'pyproject.toml',
          'pyproject.toml',
          path.join('a', 'd', 'pyproject.toml'),
        ],
      );
      const snapshot = new SettingsResolver(catalogRules, nodeFileAccess, { snapshot: true });
      assert.deepStrictEqual(
        files.map((file) => snapshot.resolve(file, undefined).configFile),
        each,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the CLI applies --severity-threshold and reports a malformed --config once, then scans with the defaults', () => {
    const cli = path.join(root, 'dist', 'cli.js');
    const dir = project('[tool.bandit\n', { 'app.py': shellAndYaml });
    const run = (args: string[]) => spawnSync(process.execPath, [cli, 'scan', ...args], { cwd: dir, encoding: 'utf8' });
    const broken = run(['app.py', '--config', 'pyproject.toml', '--format', 'json']);
    assert.strictEqual(broken.status, 1);
    assert.strictEqual(broken.stderr.trim().split('\n').length, 1, broken.stderr);
    assert.match(broken.stderr, /invalid TOML.*using the defaults/);
    assert.deepStrictEqual(
      (JSON.parse(broken.stdout) as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId).sort(),
      ['PSG102', 'PSG702'],
    );
    fs.writeFileSync(path.join(dir, 'pyproject.toml'), '[tool.python-security-guide.rules]\nPSG702 = "warning"\n');
    const filtered = run(['app.py', '--severity-threshold', 'error', '--format', 'json']);
    assert.strictEqual(filtered.stderr, '');
    assert.deepStrictEqual(
      (JSON.parse(filtered.stdout) as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId),
      ['PSG102'],
    );
  });
});
