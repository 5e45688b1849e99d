import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { defaultSettings } from '../../server/src/config/settings';
import { callsOfText } from '../../server/src/semantic/crossModule';
import { FileSystemModules, type WorkspaceImportIndex } from '../../server/src/workspace/modules';
import type { ScanJob, ScanWorkspace } from '../../server/src/workspace/scanJob';
import { createScanPool, type ScanPool } from '../../server/src/workspace/scanPool';
import { ImportIndexSharing, importIndexExchange } from '../../server/src/workspace/sharedImportIndex';
import { dedent } from '../support/engine';

// A workspace whose findings depend on the index of imports: `store.save` opens the path it is given, and only a
// caller in another module (`views.py`, which passes request data) makes that a flow from a source.
const files: Record<string, string> = {
  'store.py': dedent(`
    def save(name, data):
        with open(name, "w") as out:
            out.write(data)
  `),
  'views.py': dedent(`
    from flask import request
    from store import save


    def upload():
        save(request.args["path"], request.data)
  `),
  'pkg/__init__.py': 'from .tools import clean\n',
  'pkg/tools.py': dedent(`
    import subprocess


    def clean(folder):
        subprocess.run("rm -rf " + folder, shell=True)
  `),
  'cli.py': dedent(`
    import sys
    from pkg import clean
    import store

    clean(sys.argv[1])
  `),
};

describe('the index of what a workspace imports, built once and adopted', function () {
  this.timeout(120000);
  let root: string;
  const file = (name: string) => path.join(root, name);
  const importersOf = (modules: FileSystemModules) =>
    Object.fromEntries(
      Object.keys(files).map((name) => [name, modules.importers(file(name)).map((f) => path.relative(root, f))]),
    );

  beforeEach(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'psg-import-index-')));
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(file(name)), { recursive: true });
      fs.writeFileSync(file(name), text);
    }
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  type Channel = ReturnType<ImportIndexSharing['channel']>;
  /** A pool's sharing with the channels of two workers, closed after `run`. */
  const withTwoWorkers = async (
    run: (sharing: ImportIndexSharing, first: Channel, second: Channel, workspace: ScanWorkspace) => unknown,
  ): Promise<void> => {
    const sharing = new ImportIndexSharing();
    const first = sharing.channel();
    const second = sharing.channel();
    try {
      await run(sharing, first, second, { roots: [root], exclude: [] });
    } finally {
      first.lost(-1);
      second.lost(-1);
      sharing.close();
    }
  };

  it('answers what the index it was built from answers', () => {
    const built = new FileSystemModules([root]);
    const index = built.importIndex();
    const adopted = new FileSystemModules([root], () => assert.fail('the adopted index lists no files again'));
    adopted.adoptImportIndex(index);
    assert.deepStrictEqual(importersOf(adopted), importersOf(built));
    // What each file calls, read with its imports, goes with them while the file's stamp holds.
    for (const name of Object.keys(files)) {
      const stamp = built.stamp(file(name))!;
      assert.deepStrictEqual(adopted.indexedCalls(file(name), stamp), callsOfText(files[name]));
      assert.strictEqual(adopted.indexedCalls(file(name), `${stamp}-other`), undefined);
    }
    assert.match(built.indexedCalls(file('views.py'), built.stamp(file('views.py'))!)!.hinted.bare, /\nsave\n/);
    assert.deepStrictEqual(importersOf(built)['store.py'], ['cli.py', 'views.py']);
    assert.deepStrictEqual(importersOf(built)['pkg/tools.py'], ['pkg/__init__.py']);
  });

  it('reads again a file changed since the index was built, or open in an editor', () => {
    const index = new FileSystemModules([root]).importIndex();
    // Another size: another stamp.
    fs.writeFileSync(file('views.py'), files['views.py'].replace('from store import save', 'from pkg import clean'));
    const open = new Map([[file('cli.py'), 'import sys\n']]);
    const adopted = new FileSystemModules([root], undefined, (name) => open.get(name));
    adopted.adoptImportIndex(index);
    const fresh = new FileSystemModules([root], undefined, (name) => open.get(name));
    assert.deepStrictEqual(importersOf(adopted), importersOf(fresh));
    assert.deepStrictEqual(importersOf(adopted)['store.py'], []);
    assert.deepStrictEqual(importersOf(adopted)['pkg/__init__.py'], ['views.py']);
  });

  it('is built by the first thread that needs it and taken by the others', () =>
    withTwoWorkers(async (sharing, first, second, workspace) => {
      const builder = importIndexExchange(first.data)(workspace);
      const other = importIndexExchange(second.data)(workspace);
      assert.strictEqual(builder.take(), undefined, 'nobody has built it: the first to ask builds it');
      const index: WorkspaceImportIndex = new FileSystemModules([root]).importIndex();
      builder.built(() => index);
      // The pool passes it on to the other workers.
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.deepStrictEqual(other.take(), index);
      // Another workspace's modules build their own.
      assert.strictEqual(importIndexExchange(second.data)({ roots: [file('pkg')], exclude: [] }).take(), undefined);
      // A worker started now is given it.
      const later = sharing.channel();
      assert.deepStrictEqual(importIndexExchange(later.data)(workspace).take(), index);
      later.lost(-1);
    }));

  it('is built before its first analysis by the first thread of a scan, not by one that finds it claimed', () =>
    withTwoWorkers(async (_sharing, first, second, workspace) => {
      const early = importIndexExchange(first.data)(workspace);
      const other = importIndexExchange(second.data)(workspace);
      assert.strictEqual(early.unclaimed?.(), true, 'nobody has started it');
      const builder = new FileSystemModules([root], undefined, undefined, early);
      builder.buildSharedIndexEarly();
      assert.strictEqual(other.unclaimed?.(), false, 'built and sent');
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.deepStrictEqual(other.take(), builder.importIndex());
      // A thread that finds it claimed lists no file for it before it is asked for it; nor does a thread alone.
      const listed: string[] = [];
      const listing = (who: string) => () => {
        listed.push(who);
        return [];
      };
      new FileSystemModules(
        [root],
        listing('claimed'),
        undefined,
        importIndexExchange(second.data)(workspace),
      ).buildSharedIndexEarly();
      new FileSystemModules([root], listing('alone')).buildSharedIndexEarly();
      assert.deepStrictEqual(listed, []);
    }));

  it('leaves it to the first question when building it before the first analysis fails', () =>
    withTwoWorkers((_sharing, first, second, workspace) => {
      const failing = new FileSystemModules(
        [root],
        () => {
          throw new Error('the folder cannot be listed');
        },
        undefined,
        importIndexExchange(first.data)(workspace),
      );
      assert.doesNotThrow(() => failing.buildSharedIndexEarly());
      assert.strictEqual(importIndexExchange(second.data)(workspace).unclaimed?.(), true, 'given up: not claimed');
      assert.throws(() => failing.importers(file('store.py')), /the folder cannot be listed/);
    }));

  it('is built by the next thread that needs it when the one building it fails or dies', () =>
    withTwoWorkers((_sharing, first, second, workspace) => {
      const failing = importIndexExchange(first.data)(workspace);
      assert.strictEqual(failing.take(), undefined);
      failing.built(undefined);
      const dying = importIndexExchange(second.data)(workspace);
      assert.strictEqual(dying.take(), undefined, 'the build failed: the next to ask builds it');
      // This thread (whose id the flag holds) is gone.
      second.lost(0);
      assert.strictEqual(importIndexExchange(first.data)(workspace).take(), undefined, 'and after a builder died');
    }));

  it('is built by a thread that waited its longest for one that never finishes, and still passed on if it does', () =>
    withTwoWorkers(async (sharing, first, second, workspace) => {
      const stuck = importIndexExchange(first.data)(workspace);
      assert.strictEqual(stuck.take(), undefined, 'the first to ask builds it');
      const waiting = importIndexExchange(second.data, 300)(workspace);
      const started = Date.now();
      assert.strictEqual(waiting.take(), undefined, 'given up on: it builds its own');
      assert.ok(Date.now() - started >= 300, 'after waiting as long as it may, not before');
      // Having given up, it does not send what it builds: the one building it still may.
      waiting.built(() => new FileSystemModules([file('pkg')]).importIndex());
      const index: WorkspaceImportIndex = new FileSystemModules([root]).importIndex();
      stuck.built(() => index);
      await new Promise((resolve) => setTimeout(resolve, 50));
      const later = sharing.channel();
      assert.deepStrictEqual(importIndexExchange(later.data)(workspace).take(), index);
      later.lost(-1);
    }));

  describe('in a scan on two worker threads (dist/scanWorker.js, built by scripts/build.mjs)', () => {
    const script = path.join(__dirname, '..', '..', 'dist', 'scanWorker.js');
    const pools: ScanPool[] = [];
    afterEach(async () => {
      for (const pool of pools.splice(0)) await pool.close();
    });
    const job = (name: string): ScanJob => ({
      source: fs.readFileSync(file(name)),
      settings: defaultSettings,
      file: file(name),
      fix: false,
      workspace: { roots: [root], exclude: [] },
    });

    it('finds what one thread finds, whichever worker built the index', async () => {
      assert.ok(fs.existsSync(script), `${script} is built (node scripts/build.mjs)`);
      const two = createScanPool(2, undefined, { workerScript: script });
      const one = createScanPool(1, undefined, { offThread: true });
      pools.push(two, one);
      assert.strictEqual(two.onWorkers, true);
      const names = Object.keys(files);
      const summary = (results: { findings: { ruleId: string; confidence?: string }[] }[]) =>
        results.map((result, i) => [names[i], result.findings.map((f) => `${f.ruleId} ${f.confidence}`).sort()]);
      const expected = summary(await Promise.all(names.map((name) => one.run(job(name)))));
      for (let round = 0; round < 3; round++)
        assert.deepStrictEqual(summary(await Promise.all(names.map((name) => two.run(job(name))))), expected);
      // The callers in other modules were followed.
      const byFile = Object.fromEntries(expected) as Record<string, string[]>;
      assert.ok(
        byFile['store.py'].some((f) => f.endsWith('high')),
        JSON.stringify(byFile),
      );
    });
  });
});
