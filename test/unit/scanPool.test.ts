import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { defaultSettings } from '../../server/src/config/settings';
import type { ScanJob } from '../../server/src/workspace/scanJob';
import { createScanPool, type ScanPool } from '../../server/src/workspace/scanPool';
import { pickingApp, pickingHelpers, safePickingHelpers } from '../support/crossFileWorkspace';

// From source there is no bundled worker next to the pool: these are the jobs of the in-thread
// fallback. The worker path (dist/scanWorker.js) is exercised by test/protocol/workspaceScanWorker.test.ts.

const app = pickingApp;
const helpers = pickingHelpers;
const safeHelpers = safePickingHelpers;

const notebook = JSON.stringify({
  nbformat: 4,
  nbformat_minor: 5,
  metadata: { language_info: { name: 'python' } },
  cells: [
    { cell_type: 'markdown', metadata: {}, source: ['# notes'] },
    { cell_type: 'code', metadata: {}, outputs: [], execution_count: null, source: ['import yaml\n'] },
    {
      cell_type: 'code',
      metadata: {},
      outputs: [],
      execution_count: null,
      source: ['def load(text):\n', '    return yaml.load(text)\n'],
    },
  ],
});

/** The job of the workspace scan for the file `name` of the workspace at `root`. */
const workspaceJob = (root: string, name: string, extra: Partial<ScanJob> = {}): ScanJob => ({
  source: fs.readFileSync(path.join(root, name)),
  settings: defaultSettings,
  file: path.join(root, name),
  fix: false,
  modules: true,
  workspace: { roots: [root], exclude: [] },
  ...extra,
});

describe('scan pool: jobs of the workspace scan in this thread', function () {
  this.timeout(60000);
  let root: string;
  let pool: ScanPool;
  const file = (name: string) => path.join(root, name);
  const job = (name: string, extra: Partial<ScanJob> = {}) => workspaceJob(root, name, extra);
  const traversalConfidence = async (signal?: AbortSignal) =>
    (await pool.run(job('app.py'), signal)).findings.find((finding) => finding.ruleId === 'PSG401')?.confidence;

  beforeEach(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'psg-scan-pool-')));
    fs.writeFileSync(file('app.py'), app);
    fs.writeFileSync(file('helpers.py'), helpers);
    pool = createScanPool(1, undefined, { offThread: true, idleMs: 10 });
  });
  afterEach(async () => {
    await pool.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('runs in this thread when no worker script is bundled next to it', () => {
    assert.strictEqual(pool.onWorkers, false);
  });

  it('follows calls into other files, reading open texts over the files until they close', async () => {
    const result = await pool.run(job('app.py'));
    assert.deepStrictEqual(result.modules, ['flask', 'helpers']);
    assert.ok(
      result.moduleReads?.some(([read]) => read === file('helpers.py')),
      JSON.stringify(result.moduleReads),
    );
    assert.strictEqual(await traversalConfidence(), 'high');

    // helpers.py open with unsaved text: the job reads that text, not the file.
    pool.setOpenTexts(new Map([[file('helpers.py'), safeHelpers]]));
    assert.notStrictEqual(await traversalConfidence(), 'high');
    // Closed again: the file on disk.
    pool.setOpenTexts(new Map());
    assert.strictEqual(await traversalConfidence(), 'high');
  });

  it('reads a file created on disk once told', async () => {
    fs.rmSync(file('helpers.py'));
    const alone = await pool.run(job('app.py'));
    assert.strictEqual(alone.moduleReads, undefined);
    fs.writeFileSync(file('helpers.py'), safeHelpers);
    pool.filesChanged([file('helpers.py')]);
    assert.notStrictEqual(await traversalConfidence(), 'high');
  });

  it('analyses a notebook: findings placed in their cells, its imports', async () => {
    fs.writeFileSync(file('notes.ipynb'), notebook);
    const result = await pool.run(job('notes.ipynb', { notebook: true, modules: false }));
    assert.strictEqual(result.skipped, undefined);
    assert.deepStrictEqual(result.modules, ['yaml']);
    assert.deepStrictEqual(
      result.cells?.map((finding) => [finding.ruleId, finding.cell, finding.range.start]),
      [['PSG702', 3, { line: 1, character: 11 }]],
    );
  });

  it('skips a notebook without Python code, saying why', async () => {
    fs.writeFileSync(file('empty.ipynb'), JSON.stringify({ ...JSON.parse(notebook), cells: [] }));
    const result = await pool.run(job('empty.ipynb', { notebook: true }));
    assert.match(result.skipped ?? '', /no Python code/);
  });

  it('drops a job whose signal aborted before it ran', async () => {
    const abort = new AbortController();
    const first = pool.run(job('app.py'));
    const second = pool.run(job('app.py'), abort.signal);
    abort.abort();
    await first;
    await assert.rejects(second);
  });
});

describe('scan pool: the bundled worker thread (dist/scanWorker.js, built by scripts/build.mjs)', function () {
  this.timeout(120000);
  const script = path.join(__dirname, '..', '..', 'dist', 'scanWorker.js');
  let root: string;
  let pools: ScanPool[];
  const file = (name: string) => path.join(root, name);
  const job = (name: string) => workspaceJob(root, name);
  const onWorker = (idleMs?: number) => {
    const pool = createScanPool(1, undefined, { offThread: true, idleMs, workerScript: script });
    pools.push(pool);
    return pool;
  };
  /** Polls until `done` (the test's timeout fails it otherwise). */
  const waitUntil = async (done: () => boolean) => {
    while (!done()) await new Promise((resolve) => setTimeout(resolve, 20));
  };

  beforeEach(() => {
    assert.ok(fs.existsSync(script), `${script} is built (node scripts/build.mjs)`);
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'psg-scan-worker-')));
    fs.writeFileSync(file('app.py'), app);
    fs.writeFileSync(file('helpers.py'), helpers);
    pools = [];
  });
  afterEach(async () => {
    for (const pool of pools) await pool.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('gives the results the in-thread jobs give, with and without an open text', async () => {
    const worker = onWorker();
    const inThread = createScanPool(1, undefined, { offThread: true });
    pools.push(inThread);
    assert.strictEqual(worker.onWorkers, true);
    assert.strictEqual(inThread.onWorkers, false);
    const both = async () => [await worker.run(job('app.py')), await inThread.run(job('app.py'))];
    const [onDisk, onDiskInThread] = await both();
    assert.ok(onDisk.findings.some((finding) => finding.ruleId === 'PSG401' && finding.confidence === 'high'));
    assert.deepStrictEqual(onDisk, onDiskInThread);
    for (const pool of [worker, inThread]) pool.setOpenTexts(new Map([[file('helpers.py'), safeHelpers]]));
    const [edited, editedInThread] = await both();
    assert.notDeepStrictEqual(edited.findings, onDisk.findings);
    assert.deepStrictEqual(edited, editedInThread);
  });

  it('stops its worker once idle and starts one again, given the open texts afresh', async () => {
    const pool = onWorker(50);
    pool.setOpenTexts(new Map([[file('helpers.py'), safeHelpers]]));
    const first = await pool.run(job('app.py'));
    assert.strictEqual(pool.liveWorkers(), 1);
    await waitUntil(() => pool.liveWorkers() === 0);
    const again = await pool.run(job('app.py'));
    assert.deepStrictEqual(again, first, 'the new worker reads the open text too');
    pool.setOpenTexts(new Map());
    const closed = await pool.run(job('app.py'));
    assert.ok(closed.findings.some((finding) => finding.ruleId === 'PSG401' && finding.confidence === 'high'));
  });

  it('drops queued jobs whose signal aborts; the running one finishes', async () => {
    const pool = onWorker();
    const abort = new AbortController();
    const running = pool.run(job('app.py'), abort.signal);
    const queued = pool.run(job('app.py'), abort.signal);
    abort.abort();
    await assert.rejects(queued);
    assert.ok((await running).findings.length > 0);
  });
});
