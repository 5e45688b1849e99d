import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { defaultSettings } from '../../server/src/config/settings';
import { FileEngine } from '../../server/src/engine/fileEngine';
import { allFileRules, rulesById } from '../../server/src/rules';
import { GitIgnoreOracle } from '../../server/src/workspace/gitignore';
import type { FileCase, FileRuleCases } from '../rules/types';
import { useNodeAdvisories } from '../../server/src/workspace/nodeFileAccess';

// The analysis reads the shipped advisory data through Node here, as the server and the CLI do.
useNodeAdvisories();

const casesDir = path.join(__dirname, '..', 'rules', 'fileCases');
const suites: FileRuleCases[] = fs
  .readdirSync(casesDir)
  .filter((f) => f.endsWith('.ts'))
  .sort()
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  .map((f) => (require(path.join(casesDir, f)) as { cases: FileRuleCases }).cases);
const engine = new FileEngine(allFileRules);
const run = (c: FileCase) => engine.analyze(c.path, c.text, defaultSettings, { isGitIgnored: () => c.gitIgnored });

describe('file rule cases', () => {
  it('every file rule has its case file with at least 8 valid and 8 invalid cases', () => {
    for (const rule of allFileRules) {
      const suite = suites.find((s) => s.ruleId === rule.meta.id);
      assert.ok(suite, `${rule.meta.id} has no test/rules/fileCases file`);
      assert.ok(
        suite.valid.length >= 8 && suite.invalid.length >= 8,
        `${rule.meta.id}: ${suite.valid.length} valid, ${suite.invalid.length} invalid`,
      );
    }
  });

  for (const suite of suites) {
    describe(suite.ruleId, () => {
      assert.ok(rulesById.has(suite.ruleId), `unknown rule ${suite.ruleId}`);
      suite.valid.forEach((c, i) => {
        it(`valid #${i + 1}${c.name ? `: ${c.name}` : ''}`, () => {
          const own = run(c).findings.filter((f) => f.ruleId === suite.ruleId);
          assert.deepStrictEqual(
            own.map((f) => c.text.slice(f.start, f.end)),
            [],
          );
        });
      });
      suite.invalid.forEach((c, i) => {
        it(`invalid #${i + 1}${c.name ? `: ${c.name}` : ''}`, () => {
          const result = run(c);
          assert.deepStrictEqual(result.ruleErrors, []);
          const own = result.findings.filter((f) => f.ruleId === suite.ruleId);
          assert.deepStrictEqual(
            own.map((f) => c.text.slice(f.start, f.end)),
            c.findings.map((f) => f.text),
          );
          c.findings.forEach((expected, j) => {
            if (expected.message)
              assert.ok(
                typeof expected.message === 'string'
                  ? own[j].message.includes(expected.message)
                  : expected.message.test(own[j].message),
                own[j].message,
              );
            if (expected.confidence) assert.strictEqual(own[j].confidence, expected.confidence);
          });
        });
      });
    });
  }

  it('never throws on arbitrary text', () => {
    for (const name of ['requirements.txt', 'pyproject.toml', '.env']) {
      for (const text of [
        '',
        '\0\0\0',
        '[project\ndependencies = [',
        '==\n>=\n[x]\n',
        'a'.repeat(10000),
        '\r\n\r\n=\n',
      ]) {
        assert.deepStrictEqual(engine.analyze(name, text, defaultSettings).ruleErrors, []);
      }
    }
  });

  it('a rule set to off reports nothing, and a severity setting applies', () => {
    const text = 'flask\n';
    assert.strictEqual(
      engine.analyze('requirements.txt', text, { ...defaultSettings, rules: { PSG801: 'off' } }).findings.length,
      0,
    );
    assert.strictEqual(
      engine.analyze('requirements.txt', text, { ...defaultSettings, rules: { PSG801: 'error' } }).findings[0].severity,
      'error',
    );
  });

  it('handles only the files its rules read', () => {
    assert.ok(
      engine.handles('/w/requirements-dev.txt') &&
        engine.handles('/w/pyproject.toml') &&
        engine.handles('/w/.env') &&
        engine.handles('/w/.env.production'),
    );
    assert.ok(!engine.handles('/w/app.py') && !engine.handles('/w/.env.example') && !engine.handles('/w/README.txt'));
  });
});

describe('GitIgnoreOracle', () => {
  let root: string;
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'psg-gitignore-'));
    fs.mkdirSync(path.join(root, '.git', 'info'), { recursive: true });
    fs.mkdirSync(path.join(root, 'service', 'config'), { recursive: true });
    fs.mkdirSync(path.join(root, 'secrets'), { recursive: true });
    fs.writeFileSync(path.join(root, '.gitignore'), '# local files\n.env\nsecrets/\n');
    fs.writeFileSync(path.join(root, 'service', '.gitignore'), '!.env\n');
    fs.writeFileSync(path.join(root, '.git', 'info', 'exclude'), '.env.local\n');
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('reads .gitignore files from the repository root down to the file', () => {
    const oracle = new GitIgnoreOracle();
    assert.strictEqual(oracle.isGitIgnored(path.join(root, '.env')), true);
    assert.strictEqual(
      oracle.isGitIgnored(path.join(root, 'service', 'config', '.env')),
      false,
      'a deeper !.env re-includes it',
    );
    assert.strictEqual(
      oracle.isGitIgnored(path.join(root, 'secrets', '.env.production')),
      true,
      'inside an ignored folder',
    );
    assert.strictEqual(oracle.isGitIgnored(path.join(root, '.env.local')), true, '.git/info/exclude');
    assert.strictEqual(oracle.isGitIgnored(path.join(root, '.env.production')), false);
  });

  it('reads a .gitignore again after it changes', () => {
    const oracle = new GitIgnoreOracle();
    const file = path.join(root, 'service', 'config', '.env.staging');
    assert.strictEqual(oracle.isGitIgnored(file), false);
    fs.writeFileSync(path.join(root, 'service', '.gitignore'), '!.env\n.env.staging\n# edited\n');
    assert.strictEqual(oracle.isGitIgnored(file), true);
  });

  it('cannot tell outside a repository', () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'psg-norepo-'));
    try {
      assert.strictEqual(new GitIgnoreOracle().isGitIgnored(path.join(outside, '.env')), undefined);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });
});
