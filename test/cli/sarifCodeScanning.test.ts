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

  it('a vulnerable dependency names its advisories in properties and as taxa of the advisory taxonomy', async () => {
    const dir = repository();
    fs.writeFileSync(path.join(dir, 'requirements.txt'), 'flask==2.2.4\nDjango==3.2.0\nclick==8.1.7\n');
    fs.mkdirSync(path.join(dir, 'requirements'));
    fs.writeFileSync(path.join(dir, 'requirements', 'base.txt'), 'flask==2.2.4\n');
    const log = await sarif(['.'], dir);
    assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
    const run = log.runs[0];
    const own = run.results!.filter((result) => result.ruleId === 'PSG803');
    assert.strictEqual(own.length, 3, 'flask twice, Django once');
    assert.strictEqual(run.taxonomies?.length, 1);
    const [taxonomy] = run.taxonomies;
    assert.strictEqual(taxonomy.name, 'PyPA advisory database');
    for (const result of own) {
      const advisories = result.properties!.advisories as {
        id: string;
        aliases: string[];
        fixed: string[];
        url: string;
      }[];
      assert.ok(advisories.length > 0);
      // The same ids as the message lists, in the same order.
      const inMessage = [...result.message.text!.matchAll(/^- (\S+)/gm)].map((m) => m[1]);
      assert.deepStrictEqual(
        advisories.map((a) => a.id),
        inMessage,
      );
      for (const advisory of advisories) {
        assert.strictEqual(advisory.url, `https://osv.dev/vulnerability/${advisory.id}`);
        assert.ok(Array.isArray(advisory.aliases) && Array.isArray(advisory.fixed));
      }
      // Each taxon reference resolves to the advisory of the same id in the run's taxonomy.
      assert.deepStrictEqual(
        result.taxa!.map((ref) => [ref.toolComponent!.index, taxonomy.taxa![ref.index!].id]),
        advisories.map((a) => [0, a.id]),
      );
    }
    const flask = own.find((result) => result.message.text!.startsWith('`flask`'))!;
    assert.deepStrictEqual(flask.properties!.advisories, [
      {
        id: 'PYSEC-2023-62',
        aliases: ['CVE-2023-30861', 'GHSA-m2qf-hxjv-5gpq'],
        fixed: ['2.2.5', '2.3.2'],
        url: 'https://osv.dev/vulnerability/PYSEC-2023-62',
      },
    ]);
    // Each advisory is one taxon, however many results name it.
    const ids = taxonomy.taxa!.map((taxon) => taxon.id);
    assert.strictEqual(new Set(ids).size, ids.length);
    const taxon = taxonomy.taxa!.find((t) => t.id === 'PYSEC-2023-62')!;
    assert.strictEqual(taxon.helpUri, 'https://osv.dev/vulnerability/PYSEC-2023-62');
    assert.ok(taxon.shortDescription?.text);
    // A run without dependency findings has no taxonomy, and results no taxa.
    const plain = (await sarif(['src'], repository())).runs[0];
    assert.strictEqual(plain.taxonomies, undefined);
    assert.ok(plain.results!.every((result) => result.taxa === undefined && !result.properties?.advisories));
  });
});
