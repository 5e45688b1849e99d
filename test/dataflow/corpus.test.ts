import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describeCompileFailure, requireCPython } from '../support/cpython';
import { corpus } from './cases';
import { type Half, type Pair, expandHalf, ruleOfKind, sideOf, sinkKinds, tricks } from './model';
import {
  type HalfResult,
  type Outcome,
  type Ratchet,
  compareWithRatchet,
  describeRatchetChanges,
  readRatchet,
  runCorpus,
  tightenRatchet,
} from './run';

const halves: readonly Half[] = ['vulnerable', 'safe'];

describe('paired dataflow corpus', function () {
  this.timeout(30 * 60 * 1000);

  describe('the data', () => {
    it('has at least 300 pairs, each named for its kind and trick, every name once', () => {
      assert.ok(corpus.length >= 300, `only ${corpus.length} pairs`);
      const seen = new Set<string>();
      for (const pair of corpus) {
        assert.ok(!seen.has(pair.name), `two pairs are named ${pair.name}`);
        seen.add(pair.name);
        assert.ok(sinkKinds.includes(pair.kind) && tricks.includes(pair.trick), pair.name);
        assert.ok(
          pair.name.startsWith(`${pair.kind}/${pair.trick}: `),
          `${pair.name} does not start with its kind/trick`,
        );
      }
      for (const kind of sinkKinds)
        assert.ok(corpus.filter((pair) => pair.kind === kind).length >= 15, `fewer than 15 pairs for ${kind}`);
    });

    it('gives each half exactly one sink line, in the same file, and the halves differ', () => {
      for (const pair of corpus) {
        const [vulnerable, safe] = halves.map((half) => expandHalf(pair, half));
        assert.strictEqual(vulnerable.sink.file, safe.sink.file, pair.name);
        assert.deepStrictEqual(Object.keys(vulnerable.files), Object.keys(safe.files), pair.name);
        assert.notDeepStrictEqual(vulnerable.files, safe.files, `${pair.name}: the halves are the same`);
        const markers = Object.values(pair.files).join('\n').match(/<<</g)?.length ?? 0;
        assert.ok(markers >= 1 && markers <= 3, `${pair.name}: ${markers} differences (one trick: at most 3 spots)`);
        assert.ok(ruleOfKind[pair.kind], pair.name);
      }
    });

    it('compiles every file of every half with CPython', () => {
      const python = requireCPython();
      const inputs = corpus.flatMap((pair) =>
        halves.flatMap((half) =>
          Object.entries(expandHalf(pair, half).files).map(([file, source]) => ({
            id: `${pair.name} [${half}] ${file}`,
            source,
          })),
        ),
      );
      const failures = python.compile(inputs);
      assert.deepStrictEqual(
        [...failures.values()].map((failure) => `${failure.id}: ${describeCompileFailure(failure)}`),
        [],
        `rejected by ${python.description}`,
      );
    });

    it('reads the differences out of a pair as written', () => {
      assert.strictEqual(sideOf('x = <<<a|||b>>> + <<<|||c>>>', 'vulnerable'), 'x = a + ');
      assert.strictEqual(sideOf('x = <<<a|||b>>> + <<<|||c>>>', 'safe'), 'x = b + c');
      const pair = {
        name: 'p',
        kind: 'sql' as const,
        trick: 'guard' as const,
        files: { 'a.py': 'x = 1\ny = <<<x|||2>>>  # SINK\n' },
      };
      assert.deepStrictEqual(expandHalf(pair, 'safe').sink, { file: 'a.py', line: 2 });
      assert.strictEqual(expandHalf(pair, 'safe').files['a.py'], 'x = 1\ny = 2\n');
      assert.throws(() => expandHalf({ ...pair, files: { 'a.py': 'y = 1\n' } }, 'safe'), /exactly one "# SINK"/);
    });
  });

  describe('the ratchet', () => {
    const pair = (name: string): Pair => ({ name, kind: 'sql', trick: 'guard', files: {} });
    const result = (name: string, half: Half, outcome: Outcome): HalfResult => ({
      id: `${name} [${half}]`,
      pair: pair(name),
      half,
      rule: 'PSG101',
      outcome,
      lowOnly: false,
      errors: [],
    });
    const recorded: Ratchet = {
      kept: { vulnerable: 'found', safe: 'clean' },
      lost: { vulnerable: 'found', safe: 'clean' },
      gained: { vulnerable: 'missed', safe: 'false-positive' },
      measured: { vulnerable: 'missed', safe: 'unmeasured' },
      gone: { vulnerable: 'found', safe: 'clean' },
    };
    const today = [
      result('kept', 'vulnerable', 'found'),
      result('kept', 'safe', 'clean'),
      result('lost', 'vulnerable', 'missed'),
      result('lost', 'safe', 'false-positive'),
      result('gained', 'vulnerable', 'found'),
      result('gained', 'safe', 'clean'),
      result('measured', 'vulnerable', 'missed'),
      result('measured', 'safe', 'false-positive'),
      result('new', 'vulnerable', 'found'),
      result('new', 'safe', 'clean'),
    ];

    it('calls a half that was right and is wrong now a regression, and nothing else', () => {
      const comparison = compareWithRatchet(today, recorded);
      assert.deepStrictEqual(
        comparison.regressions.map((r) => r.id),
        ['lost [vulnerable]', 'lost [safe]'],
      );
      assert.deepStrictEqual(
        comparison.changes.map((r) => r.id),
        ['gained [vulnerable]', 'gained [safe]', 'measured [safe]'],
      );
      assert.deepStrictEqual(comparison.missing, ['new']);
      assert.deepStrictEqual(comparison.stale, ['gone']);
    });

    it('moves up only when updated: gains and new pairs recorded, regressions kept, removed pairs dropped', () => {
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'psg-ratchet-')), 'ratchet.json');
      try {
        const { kept } = tightenRatchet(today, recorded, file);
        assert.deepStrictEqual(
          kept.map((r) => r.id),
          ['lost [vulnerable]', 'lost [safe]'],
        );
        assert.deepStrictEqual(readRatchet(file), {
          gained: { vulnerable: 'found', safe: 'clean' },
          kept: { vulnerable: 'found', safe: 'clean' },
          lost: { vulnerable: 'found', safe: 'clean' },
          measured: { vulnerable: 'missed', safe: 'false-positive' },
          new: { vulnerable: 'found', safe: 'clean' },
        });
      } finally {
        fs.rmSync(path.dirname(file), { recursive: true, force: true });
      }
    });
  });

  describe('the analysis', () => {
    it('scores no half worse than test/dataflow/ratchet.json records', async () => {
      const results = await runCorpus(corpus);
      const ratchet = readRatchet();
      const comparison = compareWithRatchet(results, ratchet);
      const changes = describeRatchetChanges(comparison, ratchet);
      if (comparison.changes.length)
        console.log(
          `${comparison.changes.length} halves score better (or are newly measured) than the ratchet records; ` +
            'record them with `npm run dataflow -- --update-ratchet`:\n' +
            changes.filter((line) => line.startsWith('changed')).join('\n'),
        );
      const errors = results.filter((r) => r.errors.length).map((r) => `${r.id}: ${r.errors.join('; ')}`);
      assert.deepStrictEqual(errors, [], 'the scan reported errors');
      assert.deepStrictEqual(
        changes.filter((line) => !line.startsWith('changed')),
        [],
        'halves that were right are wrong now, or the ratchet does not match the corpus (`npm run dataflow -- --update-ratchet` after adding pairs)',
      );
    });
  });
});
