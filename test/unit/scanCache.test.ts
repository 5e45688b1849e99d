import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { defaultSettings, mergeSettings } from '../../server/src/config/settings';
import type { Finding } from '../../server/src/ruleApi/types';
import { ScanCache } from '../../server/src/workspace/scanCache';

const finding: Finding = {
  ruleId: 'PSG101',
  message: 'm',
  start: 1,
  end: 5,
  severity: 'error',
  confidence: 'high',
  fix: { title: 't', edits: [{ start: 1, end: 5, newText: 'x' }], applicability: 'safe' },
};

describe('scan cache', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'psg-cache-test-'));
    file = path.join(dir, 'app.py');
    fs.writeFileSync(file, 'print(1)\n');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('keys on the text and on the settings', () => {
    const key = ScanCache.key('a = 1\n', defaultSettings);
    assert.strictEqual(ScanCache.key('a = 1\n', defaultSettings), key);
    assert.notStrictEqual(ScanCache.key('a = 2\n', defaultSettings), key);
    assert.notStrictEqual(ScanCache.key('a = 1\n', mergeSettings(defaultSettings, { rules: { PSG101: 'off' } })), key);
  });

  it('returns saved results for the same key in a later run, and nothing for another key or engine', () => {
    const cacheDir = path.join(dir, 'cache');
    const first = ScanCache.open(cacheDir, 'a'.repeat(64));
    const key = ScanCache.key('print(1)\n', defaultSettings);
    assert.strictEqual(first.get(file, key), undefined);
    first.set(file, key, [finding], []);
    assert.strictEqual(first.save(), undefined);
    assert.ok(fs.readFileSync(path.join(cacheDir, '.gitignore'), 'utf8').includes('*'));

    const second = ScanCache.open(cacheDir, 'a'.repeat(64));
    assert.deepStrictEqual(second.get(file, key), { findings: [finding], ruleErrors: [] });
    assert.strictEqual(second.get(file, ScanCache.key('print(2)\n', defaultSettings)), undefined);

    const otherEngine = ScanCache.open(cacheDir, 'b'.repeat(64));
    assert.strictEqual(otherEngine.get(file, key), undefined);
    otherEngine.save();
    assert.deepStrictEqual(
      fs.readdirSync(cacheDir).filter((name) => name.endsWith('.json')),
      [`scan-${'b'.repeat(16)}.json`],
    );
  });

  it('drops entries of files that no longer exist and treats a damaged cache as empty', () => {
    const cacheDir = path.join(dir, 'cache');
    const engine = 'c'.repeat(64);
    const gone = path.join(dir, 'gone.py');
    const first = ScanCache.open(cacheDir, engine);
    first.set(file, 'k1', [], []);
    first.set(gone, 'k2', [], []);
    first.save();
    ScanCache.open(cacheDir, engine).save();
    const kept = JSON.parse(fs.readFileSync(path.join(cacheDir, `scan-${'c'.repeat(16)}.json`), 'utf8')) as {
      entries: Record<string, unknown>;
    };
    assert.deepStrictEqual(Object.keys(kept.entries), [file]);
    fs.writeFileSync(path.join(cacheDir, `scan-${'c'.repeat(16)}.json`), '{ not json');
    assert.strictEqual(ScanCache.open(cacheDir, engine).get(file, 'k1'), undefined);
  });

  it('reports, instead of throwing, when the cache cannot be written', () => {
    const blocker = path.join(dir, 'blocker');
    fs.writeFileSync(blocker, 'a file where the cache folder should be');
    const cache = ScanCache.open(blocker, 'd'.repeat(64));
    cache.set(file, 'k', [], []);
    assert.match(cache.save() ?? '', /cannot write the scan cache/);
  });
});
