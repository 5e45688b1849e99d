import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { defaultSettings } from '../../server/src/config/settings';
import { rulesById } from '../../server/src/rules';
import type { Finding } from '../../server/src/ruleApi/types';
import { testEngine } from '../support/engine';

/**
 * The sample applications under test/fixtures/frameworks: every vulnerability their README says is planted is
 * reported by its rule on its line, and no safe twin is. The README's tables are the data.
 */
const root = path.join(__dirname, '..', 'fixtures', 'frameworks');

interface Row {
  kind: 'planted' | 'safe';
  file: string;
  line: number;
  rule: string;
  what: string;
}

function readRows(): Row[] {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const rows: Row[] = [];
  for (const match of readme.matchAll(/^\| (planted|safe) \| `([^`]+)` \| (\d+) \| (PSG\d+) \| (.*) \|$/gm)) {
    rows.push({
      kind: match[1] as Row['kind'],
      file: match[2],
      line: Number(match[3]),
      rule: match[4],
      what: match[5],
    });
  }
  return rows;
}

/** The findings of one file, analysed with its path as the CLI does (rules about settings files read it). */
async function findingsOf(file: string): Promise<{ finding: Finding; line: number }[]> {
  const { parser, engine } = await testEngine();
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  const tree = parser.parse(text);
  try {
    const { findings } = engine.analyze(tree, text, defaultSettings, { path: path.join(root, file) });
    return findings.map((finding) => ({ finding, line: text.slice(0, finding.start).split('\n').length }));
  } finally {
    tree.delete();
  }
}

describe('framework sample applications', () => {
  const rows = readRows();
  const frameworks = ['flask', 'django', 'fastapi', 'aiohttp'];

  it('the README lists planted vulnerabilities and safe twins for each framework, with known rules', () => {
    for (const framework of frameworks) {
      const own = rows.filter((row) => row.file.startsWith(`${framework}/`));
      assert.ok(own.filter((row) => row.kind === 'planted').length >= 8, `${framework}: fewer than 8 planted rows`);
      assert.ok(own.filter((row) => row.kind === 'safe').length >= 8, `${framework}: fewer than 8 safe twins`);
      assert.ok(new Set(own.map((row) => row.file)).size >= 2, `${framework}: a sample app has several files`);
    }
    // Injection and parser classes each have a planted vulnerability and a safe twin in one of the applications.
    for (const rule of ['PSG140', 'PSG141', 'PSG142', 'PSG721']) {
      for (const kind of ['planted', 'safe'] as const)
        assert.ok(
          rows.some((row) => row.rule === rule && row.kind === kind),
          `${rule}: no ${kind} row in the sample applications`,
        );
    }
    for (const row of rows) {
      assert.ok(rulesById.has(row.rule), `unknown rule ${row.rule} in the README`);
      assert.ok(fs.existsSync(path.join(root, row.file)), `${row.file} does not exist`);
    }
  });

  for (const framework of frameworks) {
    it(`${framework}: every planted vulnerability is found, no safe twin is reported`, async () => {
      const problems: string[] = [];
      const own = rows.filter((row) => row.file.startsWith(`${framework}/`));
      const cache = new Map<string, { finding: Finding; line: number }[]>();
      for (const row of own) {
        if (!cache.has(row.file)) cache.set(row.file, await findingsOf(row.file));
        const hit = cache.get(row.file)!.some(({ finding, line }) => finding.ruleId === row.rule && line === row.line);
        if (row.kind === 'planted' && !hit) problems.push(`missed: ${row.file}:${row.line} ${row.rule} (${row.what})`);
        if (row.kind === 'safe' && hit)
          problems.push(`safe twin reported: ${row.file}:${row.line} ${row.rule} (${row.what})`);
      }
      assert.deepStrictEqual(problems, []);
    });
  }
});
