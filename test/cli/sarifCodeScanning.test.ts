import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { Log, Result } from 'sarif';
import { buildProgram } from '../../server/src/cli/main';

async function sarif(args: string[], cwd: string): Promise<Log> {
  let stdout = '';
  const program = buildProgram({ stdout: (s) => (stdout += s), cwd }, () => undefined);
  await program.parseAsync(['node', 'python-security-guide', 'scan', ...args, '--format', 'sarif', '--no-cache']);
  return JSON.parse(stdout) as Log;
}

const schema = JSON.parse(
  fs.readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'),
) as object;
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);

const vulnerable = [
  'import sqlite3',
  'from flask import Flask, request',
  'app = Flask(__name__)',
  '@app.route("/user")',
  'def user():',
  '    db = sqlite3.connect("app.db")',
  `    return db.execute(f"SELECT * FROM users WHERE name = '{request.args['n']}'").fetchall()`,
  '',
].join('\n');

function repository(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'psg-sarif-'));
  fs.mkdirSync(path.join(dir, '.git'));
  fs.mkdirSync(path.join(dir, 'src', 'api'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'tools'));
  fs.writeFileSync(path.join(dir, 'src', 'api', 'users.py'), vulnerable);
  return dir;
}

const fingerprintsOf = (results: Result[]) => results.map((result) => result.partialFingerprints!);

describe('SARIF for GitHub code scanning', function () {
  this.timeout(120000);

  it('validates against the SARIF 2.1.0 schema and has the fields code scanning reads', async () => {
    const log = await sarif(['src'], repository());
    assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
    const run = log.runs[0];
    assert.strictEqual(run.automationDetails?.id, 'python-security-guide/', 'the category GitHub groups alerts by');
    const driver = run.tool.driver;
    assert.ok(driver.name && driver.semanticVersion);
    for (const rule of driver.rules!) {
      assert.ok(rule.id && rule.shortDescription?.text && rule.fullDescription?.text, rule.id);
      assert.ok(rule.help?.text && rule.help.markdown, `${rule.id} has help in text and Markdown`);
      assert.ok(!Number.isNaN(Number(rule.properties!['security-severity'])), rule.id);
      assert.ok(rule.properties!.tags!.includes('security'));
      assert.ok(['very-high', 'high', 'medium', 'low'].includes(rule.properties!.precision as string));
    }
    const sql = driver.rules!.find((rule) => rule.id === 'PSG101')!;
    for (const section of ['## Why is this bad?', '## Example', '## Use instead', '## References', '```python'])
      assert.ok(sql.help!.markdown!.includes(section), `PSG101 help has ${section}`);
    const [result] = run.results!;
    assert.strictEqual(result.ruleId, 'PSG101');
    assert.strictEqual(driver.rules![result.ruleIndex!].id, 'PSG101');
    assert.ok(result.message.text);
    const location = result.locations![0].physicalLocation!;
    assert.deepStrictEqual(location.artifactLocation, { uri: 'src/api/users.py', uriBaseId: '%SRCROOT%' });
    assert.strictEqual(location.region!.startLine, 7);
    assert.match(result.partialFingerprints!.primaryLocationLineHash, /^[0-9a-f]{32}:1$/);
  });

  it('paths are relative to the repository wherever the scan runs from, never ../', async () => {
    const dir = repository();
    const fromTools = await sarif(['../src'], path.join(dir, 'tools'));
    const fromRoot = await sarif(['src'], dir);
    const uris = (log: Log) => log.runs[0].results!.map((r) => r.locations![0].physicalLocation!.artifactLocation!.uri);
    assert.deepStrictEqual(uris(fromTools), ['src/api/users.py']);
    assert.deepStrictEqual(uris(fromRoot), ['src/api/users.py']);
    assert.strictEqual(
      fromTools.runs[0].originalUriBaseIds!['%SRCROOT%'].uri,
      `${new URL(`file://${dir}/`).href}`,
      'SRCROOT is the repository',
    );
    // Outside a repository, paths are relative to the folder holding everything scanned.
    const loose = fs.mkdtempSync(path.join(os.tmpdir(), 'psg-sarif-loose-'));
    fs.mkdirSync(path.join(loose, 'a'));
    fs.mkdirSync(path.join(loose, 'elsewhere'));
    fs.writeFileSync(path.join(loose, 'a', 'app.py'), vulnerable);
    const outside = await sarif([path.join(loose, 'a')], path.join(loose, 'elsewhere'));
    assert.deepStrictEqual(uris(outside), ['app.py']);
  });

  it('partialFingerprints survive lines moving and tell identical findings apart', async () => {
    const dir = repository();
    const before = fingerprintsOf((await sarif(['src'], dir)).runs[0].results!);
    const file = path.join(dir, 'src', 'api', 'users.py');
    fs.writeFileSync(file, `"""The users API."""\n\n\n${vulnerable}`);
    const moved = (await sarif(['src'], dir)).runs[0].results!;
    assert.strictEqual(moved[0].locations![0].physicalLocation!.region!.startLine, 10);
    assert.deepStrictEqual(fingerprintsOf(moved), before);
    fs.writeFileSync(
      file,
      `${vulnerable}${vulnerable.split('\n').slice(3).join('\n').replace('def user', 'def user2')}`,
    );
    const twice = fingerprintsOf((await sarif(['src'], dir)).runs[0].results!);
    assert.strictEqual(twice.length, 2);
    assert.notStrictEqual(twice[0].primaryLocationLineHash, twice[1].primaryLocationLineHash);
    assert.strictEqual(twice[0].primaryLocationLineHash.replace(/:1$/, ':2'), twice[1].primaryLocationLineHash);
  });
});
