// `npm run bench`: how fast the CLI scans a workspace and the language server answers keystrokes,
// beside Bandit and Ruff's S rules (WebAssembly build). Writes bench-results/<date>.json and the
// results table in docs/benchmarks.md. Run `npm run bench -- --help` for the options.
import { fork, spawn, spawnSync, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { Worker } from 'worker_threads';
import { Command, InvalidArgumentError } from 'commander';
import {
  createProtocolConnection,
  IPCMessageReader,
  IPCMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import type { FixUnavailableCode } from '../../server/src/core/types';
import { UNCHECKED_FIX } from '../../server/src/engine/engine';
import { PythonParser } from '../../server/src/parser/parser';
import { findPythonFiles } from '../../server/src/workspace/files';
import { generateSource, Random, SingleEdit, standardLibraryFolder, typing, vulnerableSource } from './corpus';
import { timed, type ProcessRun } from './timed';
import { nodeWasmFiles } from '../../server/src/workspace/nodeFileAccess';
import { SERVER_NODE_FLAGS } from '../../server/src/shared/serverProcess';

const root = path.join(__dirname, '..', '..');
/** The build measured: this checkout's, or another's (`--dist`, to compare two versions on the same machine). */
let dist = path.join(root, 'dist');

interface Options {
  edits: number;
  ruffEdits: number;
  memoryEdits: number;
  sizes: string;
  phaseSeconds: number;
  scanRounds: number;
  bandit: boolean;
  docs: boolean;
  out?: string;
  only?: string;
  serverProfile?: string;
  serverHeap?: string;
  dist?: string;
  transport: 'ipc' | 'stdio';
}

/**
 * How the bench talks to the language servers it starts: over Node's IPC channel, as the editor's client starts the
 * server (`TransportKind.ipc` in client/src/extension.ts), or over stdin and stdout (`--stdio`, as other editors do).
 */
let transport: Options['transport'] = 'ipc';

/** Extra Node flags for the language servers started by this run (`--server-profile`, `--server-heap`). */
const serverProfileFlags: string[] = [];
/**
 * Where the language server writes heap snapshots (`--server-heap`): at the end of each typing run, its document still
 * open, after the typing runs, once its RSS is read (which the snapshots before it raise), and at each tenth of the
 * memory run, after its RSS is read (the RSS of the later tenths is raised by the snapshots).
 */
let serverHeapFolder: string | undefined;

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function summary(samples: number[]): { p50: number; p95: number; max: number; count: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    max: sorted[sorted.length - 1] ?? NaN,
    count: sorted.length,
  };
}

function rssOf(pid: number): number | undefined {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

// ---- workspace scan ----

async function workspaceScan(corpus: string, files: string[], options: Options, work: string) {
  const cli = path.join(dist, 'cli.js');
  const cacheDir = path.join(work, 'cache');
  const report = path.join(work, 'report.json');
  const scanArgs = [cli, 'scan', corpus, '--format', 'json', '--output', report];
  const findingsOf = () => (JSON.parse(fs.readFileSync(report, 'utf8')) as { findings: unknown[] }).findings.length;

  const list = path.join(work, 'files.txt');
  fs.writeFileSync(list, files.join('\n'));
  // The cold scan and Ruff's first pass in turn, round after round, so that whatever else loads the machine weighs
  // on both alike; each is reported by its median run (by wall time), with the range of the rounds.
  const colds: ProcessRun[] = [];
  const ruffs: ProcessRun[] = [];
  let findings = 0;
  for (let round = 1; round <= options.scanRounds; round++) {
    log(`workspace scan: cold (--no-cache), round ${round} of ${options.scanRounds}`);
    const run = await timed(process.execPath, [...scanArgs, '--no-cache'], { node: true });
    if (run.exitCode === 2) throw new Error(`the CLI failed: ${run.stderr}`);
    colds.push(run);
    if (round === 1) findings = findingsOf();
    log(`workspace scan: Ruff S rules (WebAssembly), first pass, round ${round} of ${options.scanRounds}`);
    ruffs.push(await timed(process.execPath, [path.join(__dirname, 'ruff-scan.cjs'), list], { node: true }));
  }
  const cold = medianRun(colds);
  const ruff = medianRun(ruffs);
  log('workspace scan: cold, filling the cache');
  const filling = await timed(process.execPath, [...scanArgs, '--cache-dir', cacheDir], { node: true });
  log('workspace scan: warm (every file unchanged)');
  const warm = await timed(process.execPath, [...scanArgs, '--cache-dir', cacheDir], { node: true });
  const warmFindings = findingsOf();
  log('workspace scan: cold on one thread (--jobs 1)');
  const oneThread = await timed(process.execPath, [...scanArgs, '--no-cache', '--jobs', '1'], { node: true });

  const ruffResult = ruff.exitCode === 0 ? (JSON.parse(ruff.stdout) as { diagnostics: number }) : undefined;

  let bandit: (ProcessRun & { findings?: number }) | { missing: string } = { missing: 'not run (--no-bandit)' };
  if (options.bandit) {
    const version = spawnSync('bandit', ['--version'], { encoding: 'utf8' });
    if (version.error || version.status !== 0)
      bandit = { missing: 'bandit is not on PATH (Debian: apt-get install bandit)' };
    else {
      log('workspace scan: bandit -r (this takes a while)');
      const banditReport = path.join(work, 'bandit.json');
      // The same files as the others: the corpus, without the folders every tool here skips.
      const run = await timed('bandit', [
        '-r',
        corpus,
        '-q',
        '-f',
        'json',
        '-o',
        banditReport,
        '-x',
        excludedForBandit(corpus, files),
      ]);
      let banditFindings: number | undefined;
      try {
        banditFindings = (JSON.parse(fs.readFileSync(banditReport, 'utf8')) as { results: unknown[] }).results.length;
      } catch {
        banditFindings = undefined;
      }
      bandit = { ...run, findings: banditFindings };
    }
  }
  return {
    cold,
    filling,
    warm,
    oneThread,
    findings,
    warmFindings,
    ruff: { ...ruff, diagnostics: ruffResult?.diagnostics },
    rounds: { cold: colds.map((run) => run.wallMs), ruff: ruffs.map((run) => run.wallMs) },
    bandit,
  };
}

/** The run of median wall time (the lower middle one of an even count). */
function medianRun(runs: readonly ProcessRun[]): ProcessRun {
  const sorted = [...runs].sort((a, b) => a.wallMs - b.wallMs);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

/** Folders of the corpus holding Python files the walk skipped (site-packages and the like), for bandit's -x. */
function excludedForBandit(corpus: string, files: string[]): string {
  const kept = new Set(files.map((file) => path.dirname(file)));
  const skipped = new Set<string>();
  const visit = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const full = path.join(dir, entry.name);
      if (kept.has(full) || [...kept].some((k) => k.startsWith(full + path.sep))) visit(full);
      else skipped.add(full);
    }
  };
  visit(corpus);
  return [...skipped].join(',') || path.join(corpus, '.none');
}

/** Parsing alone: every file parsed once on one thread, no rules (the floor under any scan with this parser). */
async function parseOnly(files: readonly string[]) {
  const parser = await PythonParser.create(nodeWasmFiles());
  const cpu = process.cpuUsage();
  const started = performance.now();
  let parsed = 0;
  for (const file of files) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    parser.parse(text).delete();
    parsed++;
  }
  const used = process.cpuUsage(cpu);
  return { files: parsed, wallMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
}

// ---- as you type ----

class LanguageServer {
  private readonly published = new Map<number, (time: number) => void>();
  /** Per `uri@version`, who waits for the diagnostics of that document's version, or for them to be final. */
  private readonly publishedFor = new Map<string, (time: number) => void>();
  private readonly completedFor = new Map<string, (time: number) => void>();
  /** The last diagnostics published per document. */
  readonly latest = new Map<string, { version?: number; diagnostics: { data?: FixState }[] }>();
  readonly connection: ProtocolConnection;
  readonly pid: number;
  publications = 0;
  lastVersion = -1;

  private constructor(private readonly child: ChildProcess) {
    this.pid = child.pid!;
    this.connection =
      transport === 'ipc'
        ? createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child))
        : createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    this.connection.onNotification(
      'textDocument/publishDiagnostics',
      (params: { uri: string; version?: number; diagnostics: { data?: FixState }[] }) => {
        const now = performance.now();
        this.publications++;
        this.latest.set(params.uri, params);
        const key = `${params.uri}@${params.version}`;
        this.publishedFor.get(key)?.(now);
        this.publishedFor.delete(key);
        if (params.version !== undefined) {
          this.lastVersion = params.version;
          this.published.get(params.version)?.(now);
          this.published.delete(params.version);
        }
      },
    );
    this.connection.onNotification(
      'pythonSecurityGuide/diagnosticsComplete',
      (params: { uri: string; version: number }) => {
        const key = `${params.uri}@${params.version}`;
        this.completedFor.get(key)?.(performance.now());
        this.completedFor.delete(key);
      },
    );
    this.connection.onRequest('workspace/configuration', () => []);
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onNotification('window/logMessage', () => undefined);
    this.connection.listen();
  }

  /** With `folder`, the server scans it as its workspace in the background. */
  static async start(folder?: string): Promise<LanguageServer> {
    const flags = [...SERVER_NODE_FLAGS, ...serverProfileFlags];
    const script = path.join(dist, 'server.js');
    // As vscode-languageclient forks the server for `TransportKind.ipc`: `--node-ipc` and the client's process id.
    const child =
      transport === 'ipc'
        ? fork(script, ['--node-ipc', `--clientProcessId=${process.pid}`], {
            execArgv: flags,
            // What the server prints goes with its errors, not into the results this bench prints.
            stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
          })
        : spawn(process.execPath, [...flags, script, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    if (transport === 'ipc') child.stdout?.pipe(process.stderr);
    const server = new LanguageServer(child);
    const workspaceFolders = folder ? [{ uri: pathToFileURL(folder).href, name: path.basename(folder) }] : null;
    await server.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      workspaceFolders,
      capabilities: {},
    });
    await server.connection.sendNotification('initialized', {});
    return server;
  }

  /** Resolves with the time the diagnostics for `version` arrive. */
  diagnosticsFor(version: number): Promise<number> {
    return new Promise((resolve) => this.published.set(version, resolve));
  }

  /** Resolves with the time the diagnostics of `uri` at `version` arrive (for benches with several documents open). */
  publishedAt(uri: string, version: number): Promise<number> {
    return new Promise((resolve) => this.publishedFor.set(`${uri}@${version}`, resolve));
  }

  /** Resolves with the time the server says the diagnostics of `uri` at `version` are final. */
  completedAt(uri: string, version: number): Promise<number> {
    return new Promise((resolve) => this.completedFor.set(`${uri}@${version}`, resolve));
  }

  async open(uri: string, text: string): Promise<void> {
    const arrived = this.diagnosticsFor(1);
    await this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'python', version: 1, text },
    });
    await arrived;
  }

  change(uri: string, version: number, edit: SingleEdit): Promise<void> {
    const range = { start: edit.start, end: edit.end };
    return this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range, text: edit.text }],
    });
  }

  async stop(): Promise<void> {
    await this.connection.sendRequest('shutdown');
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    await this.connection.sendNotification('exit');
    // A server writing its profile (`--server-profile`) does so as it exits: give it the time.
    if (this.child.exitCode === null) await Promise.race([exited, sleep(serverProfileFlags.length ? 30_000 : 2_000)]);
    this.connection.dispose();
    this.child.kill();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function applyEdit(text: string, edit: SingleEdit): string {
  return text.slice(0, edit.offset) + edit.text + text.slice(edit.offset + edit.removed);
}

async function asYouType(
  server: LanguageServer,
  file: string,
  text: string,
  edits: number,
  ruffEdits: number,
  random: Random,
  deadline: number,
  beforeClose?: () => Promise<void>,
) {
  const uri = pathToFileURL(file).href;
  await server.open(uri, text);
  const latencies: number[] = [];
  const ruffTimes: number[] = [];
  const ruff = new Worker(path.join(__dirname, 'ruff-check-worker.cjs'));
  let ruffFailed: Error | undefined;
  ruff.on('error', (error) => (ruffFailed = error));
  const ruffCheck = async (checked: string) => {
    if (ruffFailed) throw ruffFailed;
    const took = new Promise<number>((resolve, reject) => {
      ruff.once('message', resolve);
      ruff.once('exit', () => reject(ruffFailed ?? new Error('the Ruff worker exited')));
    });
    ruff.postMessage(checked);
    const ms = await took;
    ruff.removeAllListeners('exit');
    return ms;
  };
  let current = text;
  let version = 1;
  const stream = typing(text, random);
  for (let i = 0; i < edits && performance.now() < deadline; i++) {
    const edit = stream.next().value as SingleEdit;
    version++;
    const arrived = server.diagnosticsFor(version);
    const sent = performance.now();
    await server.change(uri, version, edit);
    latencies.push((await arrived) - sent);
    current = applyEdit(current, edit);
    if (i < ruffEdits) ruffTimes.push(await ruffCheck(current));
  }
  await ruff.terminate();

  // A burst typed faster than the analysis: every change is sent at once; only the newest
  // version needs diagnostics, so far fewer analyses than changes should run.
  const burst = 50;
  const before = server.publications;
  const last = version + burst;
  const lastArrived = server.diagnosticsFor(last);
  for (let i = 0; i < burst; i++) {
    const edit = stream.next().value as SingleEdit;
    version++;
    void server.change(uri, version, edit);
  }
  await lastArrived;
  const burstPublications = server.publications - before;
  await beforeClose?.();
  await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  return {
    keystroke: summary(latencies),
    ruff: summary(ruffTimes),
    burst: { changes: burst, analysesPublished: burstPublications, lastVersionPublished: server.lastVersion === last },
  };
}

async function memoryRun(
  server: LanguageServer,
  file: string,
  text: string,
  edits: number,
  random: Random,
  deadline: number,
  atSample?: () => Promise<void>,
) {
  const uri = pathToFileURL(file).href;
  await server.open(uri, text);
  const samples: { edits: number; rssMb: number | undefined }[] = [{ edits: 0, rssMb: rssOf(server.pid) }];
  const stream = typing(text, random);
  let version = 1;
  const step = Math.max(1, Math.floor(edits / 10));
  let done = 0;
  for (let i = 1; i <= edits && performance.now() < deadline; i++) {
    done = i;
    version++;
    const arrived = server.diagnosticsFor(version);
    await server.change(uri, version, stream.next().value as SingleEdit);
    await arrived;
    if (i % step === 0) {
      samples.push({ edits: i, rssMb: rssOf(server.pid) });
      await atSample?.();
    }
  }
  if (samples[samples.length - 1].edits !== done) samples.push({ edits: done, rssMb: rssOf(server.pid) });
  await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  return { samples, done };
}

/** How long after its workspace scan the server's RSS is read again (its scan worker is stopped after 1 s idle). */
const SCAN_IDLE_WAIT_MS = 3000;

/** The language server's own background scan of the corpus as its workspace: time to complete and RSS after. */
async function serverWorkspaceScan(corpus: string, deadline: number) {
  const started = performance.now();
  const server = await LanguageServer.start(corpus);
  const complete = new Promise<string>((resolve) => {
    server.connection.onNotification('pythonSecurityGuide/workspaceSummary', (summary: { state: string }) => {
      if (summary.state !== 'scanning') resolve(summary.state);
    });
  });
  const timer = new Promise<string>((resolve) =>
    setTimeout(() => resolve('stopped at the time limit'), Math.max(0, deadline - performance.now())).unref(),
  );
  const state = await Promise.race([complete, timer]);
  const wallMs = performance.now() - started;
  const rssMb = rssOf(server.pid);
  // The scan's worker thread is stopped a second after the scan goes idle: RSS once it has.
  await new Promise((resolve) => setTimeout(resolve, SCAN_IDLE_WAIT_MS));
  const idleRssMb = rssOf(server.pid);
  await server.stop();
  return { state, wallMs, rssMb, idleRssMb };
}

// ---- large files ----

/** Waits for `promise` at most `ms`; undefined when it did not settle in time. */
function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  return Promise.race([
    promise,
    new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), Math.max(0, ms)).unref()),
  ]);
}

/** What a diagnostic says of its fix: the fix, or the coded reason there is none. */
interface FixState {
  fix?: unknown;
  fixUnavailableCode?: FixUnavailableCode;
}

function fixCounts(diagnostics: readonly { data?: FixState }[] | undefined) {
  const list = diagnostics ?? [];
  return {
    findings: list.length,
    fixes: list.filter((d) => d.data?.fix).length,
    notChecked: list.filter((d) => d.data?.fixUnavailableCode === 'unchecked').length,
  };
}

/**
 * Files far larger than anyone types in, made of the insecure examples repeated (see
 * vulnerableSource): the CLI on a 4.9 MB file; in the language server, a 1 MB file opened and,
 * while its fixes are verified, keystrokes in a small file; and edits in a 5,000-line file with
 * hundreds of fixable findings, timed until its fixes are published again.
 */
async function largeFiles(work: string, options: Options) {
  const examples = path.join(root, 'examples');
  const limitMs = options.phaseSeconds * 1000;
  const hugeFile = path.join(work, 'huge_4_9mb.py');
  fs.writeFileSync(hugeFile, vulnerableSource(examples, 4_900_000));
  log('large files: CLI scan of a 4.9 MB file (--no-cache)');
  const report = path.join(work, 'huge.json');
  const cli = await timed(
    process.execPath,
    [path.join(dist, 'cli.js'), 'scan', hugeFile, '--no-cache', '--format', 'json', '--output', report],
    { node: true, timeoutMs: limitMs },
  );
  let cliCounts: ReturnType<typeof fixCounts> | undefined;
  try {
    const findings = (
      JSON.parse(fs.readFileSync(report, 'utf8')) as { findings: { fix: unknown; fixUnavailable: string | null }[] }
    ).findings;
    // The JSON report carries the reason's message only: the unchecked one is the engine's constant.
    cliCounts = fixCounts(
      findings.map((finding) => ({
        data: {
          fix: finding.fix ?? undefined,
          fixUnavailableCode: finding.fixUnavailable === UNCHECKED_FIX ? 'unchecked' : undefined,
        },
      })),
    );
  } catch {
    cliCounts = undefined;
  }
  const cliResult = { bytes: fs.statSync(hugeFile).size, ...strip(cli), ...cliCounts };

  // The 1 MB file opened, then a small file typed in while the large one is verified.
  const server = await LanguageServer.start();
  const bigFile = path.join(work, 'big_1mb.py');
  const bigText = vulnerableSource(examples, 1_000_000);
  const bigUri = pathToFileURL(bigFile).href;
  log('large files: language server, a 1 MB file opened, keystrokes in a small file meanwhile');
  const opened = performance.now();
  const bigPublished = server.publishedAt(bigUri, 1);
  const bigComplete = server.completedAt(bigUri, 1);
  await server.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri: bigUri, languageId: 'python', version: 1, text: bigText },
  });
  const firstPublished = await within(bigPublished, limitMs);
  const firstCounts = fixCounts(server.latest.get(bigUri)?.diagnostics);
  const smallUri = pathToFileURL(path.join(work, 'small.py')).href;
  const smallText = fs.readFileSync(path.join(examples, 'app.py'), 'utf8');
  const smallOpened = performance.now();
  const smallFirst = server.publishedAt(smallUri, 1);
  await server.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri: smallUri, languageId: 'python', version: 1, text: smallText },
  });
  const smallOpen = await within(smallFirst, limitMs);
  const latencies: number[] = [];
  let bigDone = false;
  void bigComplete.then(() => (bigDone = true));
  const stream = typing(smallText, new Random(7));
  let version = 1;
  // Keystrokes while the large file's fixes are being verified (at most 40, one every 50 ms).
  for (let i = 0; i < 40 && !bigDone && performance.now() - opened < limitMs; i++) {
    version++;
    const arrived = server.publishedAt(smallUri, version);
    const sent = performance.now();
    await server.change(smallUri, version, stream.next().value as SingleEdit);
    const at = await within(arrived, limitMs);
    latencies.push(at === undefined ? Infinity : at - sent);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const completeAt = await within(bigComplete, Math.max(0, limitMs - (performance.now() - opened)));
  const bigCounts = fixCounts(server.latest.get(bigUri)?.diagnostics);
  const bigResult = {
    bytes: Buffer.byteLength(bigText),
    firstDiagnosticsMs: firstPublished === undefined ? undefined : firstPublished - opened,
    atFirst: firstCounts,
    completeMs: completeAt === undefined ? undefined : completeAt - opened,
    limitMs,
    ...bigCounts,
    smallOpenMs: smallOpen === undefined ? undefined : smallOpen - smallOpened,
    smallKeystroke: summary(latencies),
    keystrokesDuringVerification: latencies.length,
    rssMb: rssOf(server.pid),
  };
  await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri: bigUri } });
  await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri: smallUri } });

  // Edits in a 5,000-line file with hundreds of fixable findings: time until its fixes are back.
  log('large files: language server, edits in a 5,000-line file, until its fixes are published');
  const midText = vulnerableSource(examples, 165_000, 3);
  const midUri = pathToFileURL(path.join(work, 'mid_5000_lines.py')).href;
  const midOpened = performance.now();
  const midComplete = server.completedAt(midUri, 1);
  await server.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri: midUri, languageId: 'python', version: 1, text: midText },
  });
  const midOpenAt = await within(midComplete, limitMs);
  const midOpenCounts = fixCounts(server.latest.get(midUri)?.diagnostics);
  const editTimes: number[] = [];
  const midStream = typing(midText, new Random(11));
  let midVersion = 1;
  const midStarted = performance.now();
  for (let i = 0; i < 10 && performance.now() - midStarted < limitMs; i++) {
    midVersion++;
    const complete = server.completedAt(midUri, midVersion);
    const sent = performance.now();
    await server.change(midUri, midVersion, midStream.next().value as SingleEdit);
    const at = await within(complete, limitMs);
    editTimes.push(at === undefined ? Infinity : at - sent);
  }
  const midResult = {
    lines: midText.split('\n').length - 1,
    openCompleteMs: midOpenAt === undefined ? undefined : midOpenAt - midOpened,
    atOpen: midOpenCounts,
    editToFixes: summary(editTimes),
    ...fixCounts(server.latest.get(midUri)?.diagnostics),
  };
  await server.stop();
  return { cli: cliResult, big: bigResult, mid: midResult };
}

// ---- report ----

const fmt = (n: number | undefined, digits = 1) => (n === undefined || Number.isNaN(n) ? 'n/a' : n.toFixed(digits));
const seconds = (ms: number | undefined) => (ms === undefined ? 'n/a' : `${(ms / 1000).toFixed(2)} s`);
const rangeOf = (ms: readonly number[]) =>
  `${(Math.min(...ms) / 1000).toFixed(2)}–${(Math.max(...ms) / 1000).toFixed(2)} s`;

type Run = Omit<ProcessRun, 'stdout' | 'stderr'>;

/** What the report reads: the results of a run of every phase. */
interface BenchResults {
  date: string;
  command: string;
  machine: { cpu: string; cores: number; node: string; loadBefore: number[] };
  banditVersion?: string;
  corpus: { path: string; files: number; lines: number; bytes: number };
  scan: {
    cold: Run;
    filling: Run;
    warm: Run;
    oneThread: Run;
    findings: number;
    warmFindings: number;
    ruff: Run & { diagnostics?: number };
    /** Wall times of each alternated round of the cold scan and of Ruff's first pass (their medians are above). */
    rounds?: { cold: number[]; ruff: number[] };
    bandit: (Run & { findings?: number }) | { missing: string };
  };
  typing: Record<string, Awaited<ReturnType<typeof asYouType>>>;
  large?: Awaited<ReturnType<typeof largeFiles>>;
  serverScan: { state: string; wallMs: number; rssMb?: number; idleRssMb?: number };
  memory: {
    afterOpen?: number;
    edits: number;
    requested: number;
    file: string;
    samples: { edits: number; rssMb?: number }[];
  };
}

function markdown(results: BenchResults): string {
  const { machine, corpus, scan, typing: typed, memory } = results;
  const rows: string[] = [];
  rows.push(
    `Measured ${results.date} with \`${results.command}\` on ${machine.cpu} (${machine.cores} cores), Node ${machine.node}, load average ${machine.loadBefore.map((l) => l.toFixed(1)).join(' / ')} at the start.`,
  );
  rows.push('');
  rows.push(
    `Corpus: ${corpus.path} — ${corpus.files} files, ${corpus.lines.toLocaleString('en-US')} lines, ${(corpus.bytes / 1024 / 1024).toFixed(1)} MB.`,
  );
  rows.push('');
  rows.push('| Workspace scan | wall | CPU | lines/s | peak RSS | findings | vs. us (cold) |');
  rows.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  const line = (name: string, run: Run | undefined, found: number | undefined) => {
    if (!run) return;
    const ratio = scan.cold.wallMs ? `${(run.wallMs / scan.cold.wallMs).toFixed(2)}×` : '';
    rows.push(
      `| ${name} | ${seconds(run.wallMs)} | ${seconds(run.cpuMs)} | ${Math.round(corpus.lines / (run.wallMs / 1000)).toLocaleString('en-US')} | ${run.maxRssMb ? `${run.maxRssMb.toFixed(0)} MB` : 'n/a'} | ${found ?? 'n/a'} | ${ratio} |`,
    );
  };
  line(`python-security-guide, cold (\`--no-cache\`, ${machine.cores} threads)`, scan.cold, scan.findings);
  line('python-security-guide, cold, one thread (`--jobs 1`)', scan.oneThread, scan.findings);
  line('python-security-guide, cold, filling the cache', scan.filling, scan.findings);
  line('python-security-guide, warm (cache, nothing changed)', scan.warm, scan.warmFindings);
  line('Ruff `--select S` (WebAssembly build, first pass)', scan.ruff, scan.ruff.diagnostics);
  if ('missing' in scan.bandit) rows.push(`| Bandit | ${scan.bandit.missing} | | | | | |`);
  else line(`Bandit ${results.banditVersion ?? ''} \`-r\``, scan.bandit, scan.bandit.findings);
  rows.push('');
  const ratio = (a?: number, b?: number, digits = 1) => (a && b ? `${(a / b).toFixed(digits)}×` : 'n/a');
  const banditRun = 'missing' in scan.bandit ? undefined : scan.bandit;
  rows.push(
    `${scan.rounds && scan.rounds.cold.length > 1 ? `Cold scan (\`--no-cache\`, ${machine.cores} threads) and Ruff-wasm's first pass: the median of ${scan.rounds.cold.length} alternated runs each (wall ${rangeOf(scan.rounds.cold)} and ${rangeOf(scan.rounds.ruff)}). ` : ''}Ratios to our cold scan, wall time (CPU time): Bandit ${ratio(banditRun?.wallMs, scan.cold.wallMs)} (${ratio(banditRun?.cpuMs, scan.cold.cpuMs)}); Ruff-wasm ${ratio(scan.ruff.wallMs, scan.cold.wallMs, 2)} (${ratio(scan.ruff.cpuMs, scan.cold.cpuMs, 2)}). Warm / cold = ${((100 * scan.warm.wallMs) / scan.cold.wallMs).toFixed(1)} % of the wall time.`,
  );
  rows.push('');
  rows.push(
    '| As you type (keystroke → diagnostics) | edits | p50 | p95 | max | Ruff-wasm re-check p50 | p95 | max | burst of 50 changes: analyses published |',
  );
  rows.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const [name, r] of Object.entries(typed)) {
    rows.push(
      `| ${name} | ${r.keystroke.count} | ${fmt(r.keystroke.p50, 2)} ms | ${fmt(r.keystroke.p95, 2)} ms | ${fmt(r.keystroke.max, 1)} ms | ${fmt(r.ruff.p50, 2)} ms | ${fmt(r.ruff.p95, 2)} ms | ${fmt(r.ruff.max, 1)} ms (${r.ruff.count} edits) | ${r.burst.analysesPublished}${r.burst.lastVersionPublished ? ', newest version last' : ', NEWEST VERSION NOT LAST'} |`,
    );
  }
  rows.push('');
  const serverScan = results.serverScan;
  rows.push(
    `Language server, background scan of the corpus as its workspace: ${serverScan.state} in ${seconds(serverScan.wallMs)}, RSS ${fmt(serverScan.rssMb)} MB after it${serverScan.idleRssMb === undefined ? '' : `, ${fmt(serverScan.idleRssMb)} MB ${SCAN_IDLE_WAIT_MS / 1000} s later`}.`,
  );
  if (results.large) rows.push('', largeMarkdown(results.large));
  rows.push('');
  rows.push(
    `Language server RSS: ${fmt(memory.afterOpen)} MB after the keystroke runs; over ${memory.edits.toLocaleString('en-US')} further edits on the ${memory.file} (of ${memory.requested.toLocaleString('en-US')} asked for): ${memory.samples.map((s) => `${fmt(s.rssMb, 0)} MB at ${s.edits.toLocaleString('en-US')}`).join(' → ')}.`,
  );
  return rows.join('\n');
}

/** The large-file phase as a table (see largeFiles). */
function largeMarkdown(large: Awaited<ReturnType<typeof largeFiles>>): string {
  const { cli, big, mid } = large;
  const ms = (value: number | undefined, limit?: number) =>
    value === undefined ? `not within ${seconds(limit)}` : value === Infinity ? 'never' : seconds(value);
  return [
    '| Large files | measured | findings | checked fixes published |',
    '| --- | ---: | ---: | ---: |',
    `| CLI \`scan --no-cache\`, ${(cli.bytes / 1e6).toFixed(1)} MB file | ${seconds(cli.wallMs)}${cli.timedOut ? ' (stopped at the limit)' : ''}, peak RSS ${fmt(cli.maxRssMb, 0)} MB | ${cli.findings ?? 'n/a'} | ${cli.fixes ?? 'n/a'} (${cli.notChecked ?? 'n/a'} past the budget) |`,
    `| Server, ${(big.bytes / 1e6).toFixed(1)} MB file opened: first diagnostics | ${ms(big.firstDiagnosticsMs, big.limitMs)} | ${big.atFirst.findings} | ${big.atFirst.fixes} |`,
    `| Server, the same file: diagnostics complete (fixes checked) | ${ms(big.completeMs, big.limitMs)} | ${big.findings} | ${big.fixes} (${big.notChecked} past the budget) |`,
    `| Server, keystroke in a small file meanwhile → its diagnostics (${big.smallKeystroke.count} keystrokes) | p50 ${fmt(big.smallKeystroke.p50, 1)} ms, max ${fmt(big.smallKeystroke.max, 1)} ms | | |`,
    `| Server, ${mid.lines.toLocaleString('en-US')}-line file: edit → fixes published again (${mid.editToFixes.count} edits) | p50 ${seconds(mid.editToFixes.p50)}, max ${seconds(mid.editToFixes.max)} (open: ${ms(mid.openCompleteMs)}) | ${mid.findings} | ${mid.fixes} |`,
  ].join('\n');
}

/**
 * Asks the language server for a heap snapshot (it was started with --heapsnapshot-signal) and waits until the file is
 * written: the snapshot holds what is live after a full collection, to tell memory kept from memory not yet collected.
 */
async function heapSnapshot(pid: number | undefined, folder: string): Promise<void> {
  if (pid === undefined) return;
  const before = new Set(fs.readdirSync(folder));
  process.kill(pid, 'SIGUSR2');
  const deadline = performance.now() + 120_000;
  let size = -1;
  while (performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const written = fs.readdirSync(folder).find((name) => name.endsWith('.heapsnapshot') && !before.has(name));
    if (!written) continue;
    const now = fs.statSync(path.join(folder, written)).size;
    if (now > 0 && now === size) {
      log(`heap snapshot of the language server: ${path.join(folder, written)}`);
      return;
    }
    size = now;
  }
  throw new Error('the language server wrote no heap snapshot');
}

function writeDocs(table: string): void {
  const file = path.join(root, 'docs', 'benchmarks.md');
  const start = '<!-- bench:start -->';
  const end = '<!-- bench:end -->';
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : `# Benchmarks\n\n${start}\n${end}\n`;
  const from = current.indexOf(start);
  const to = current.indexOf(end);
  const next =
    from === -1 || to === -1
      ? `${current}\n${start}\n${table}\n${end}\n`
      : `${current.slice(0, from + start.length)}\n${table}\n${current.slice(to)}`;
  fs.writeFileSync(file, next);
}

async function main(): Promise<void> {
  const program = new Command('bench')
    .argument('[corpus]', 'folder of Python files (default: the standard library of python3)')
    .option('--edits <n>', 'single-character edits per file size', (v) => Number(v), 1000)
    .option(
      '--ruff-edits <n>',
      'edits re-checked with Ruff-wasm per file size (it re-checks the whole file)',
      (v) => Number(v),
      1000,
    )
    .option('--sizes <lines>', 'line counts of the files typed in', '2000,20000')
    .option(
      '--memory-edits <n>',
      'edits for the memory run (100000 for the full run, with a larger --phase-seconds)',
      (v) => Number(v),
      10000,
    )
    .option(
      '--phase-seconds <n>',
      'stop a typing or memory run after this long (the workspace scan of the server after twice this), keeping what was measured',
      (v) => Number(v),
      90,
    )
    .option(
      '--scan-rounds <n>',
      "alternated runs of the cold scan and of Ruff-wasm's first pass; each is reported by its median run",
      (v) => Number(v),
      3,
    )
    .option('--no-bandit', 'skip Bandit')
    .option('--no-docs', 'do not rewrite docs/benchmarks.md')
    .option('--out <file>', 'results JSON (default: bench-results/<date>.json)')
    .option(
      '--only <phases>',
      'run only these phases (scan, typing, memory, server-scan, parse: tree-sitter parsing alone, large: 1 MB and 4.9 MB files; comma-separated): prints their results and leaves docs/benchmarks.md alone',
    )
    .option(
      '--dist <dir>',
      "measure another build's dist/ folder (an older version built elsewhere) with this bench and these settings; leaves docs/benchmarks.md alone",
    )
    .option(
      '--transport <ipc|stdio>',
      'how the bench talks to the language server: ipc (as the editor starts it) or stdio',
      (value) => {
        if (value !== 'ipc' && value !== 'stdio') throw new InvalidArgumentError('ipc or stdio');
        return value;
      },
      'ipc',
    )
    .option(
      '--server-profile <dir>',
      'write a CPU profile of each language server started into this folder (read it with scripts/bench/profile-summary.mjs)',
    )
    .option(
      '--server-heap <dir>',
      'write heap snapshots of the language server into this folder: at the end of each typing run, its document still open, after the typing runs, once its RSS is read (which the snapshots raise), and at each tenth of the memory run; read them with scripts/bench/heap-summary.mjs',
    )
    .parse();
  const options = program.opts<Options>();
  transport = options.transport;
  if (!Number.isInteger(options.scanRounds) || options.scanRounds < 1)
    program.error('--scan-rounds must be a whole number of at least 1');
  if (options.dist) {
    dist = path.resolve(options.dist);
    options.docs = false;
  }
  if (options.serverProfile)
    serverProfileFlags.push('--cpu-prof', `--cpu-prof-dir=${path.resolve(options.serverProfile)}`);
  if (options.serverHeap) {
    serverHeapFolder = path.resolve(options.serverHeap);
    fs.mkdirSync(serverHeapFolder, { recursive: true });
    serverProfileFlags.push('--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${serverHeapFolder}`);
  }
  const corpus = path.resolve(program.args[0] ?? standardLibraryFolder());
  if (!fs.existsSync(path.join(dist, 'server.js'))) throw new Error('dist/ is missing: run npm run build first');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'psg-bench-'));
  const random = new Random(20251122);
  try {
    const { files } = findPythonFiles([corpus], [], corpus);
    let lines = 0;
    let bytes = 0;
    for (const file of files) {
      const content = fs.readFileSync(file);
      bytes += content.length;
      for (let i = content.indexOf(10); i !== -1; i = content.indexOf(10, i + 1)) lines++;
    }
    log(`corpus ${corpus}: ${files.length} files, ${lines} lines, ${bytes} bytes`);
    const loadBefore = os.loadavg();
    const only = options.only?.split(',').map((phase) => phase.trim());
    const runs = (phase: string) => !only || only.includes(phase);
    if (only) {
      const unknown = only.filter(
        (phase) => !['scan', 'typing', 'memory', 'server-scan', 'parse', 'large'].includes(phase),
      );
      if (unknown.length)
        throw new Error(`unknown phase ${unknown.join(', ')}: use scan, typing, memory, server-scan, parse or large`);
    }
    const parse = only?.includes('parse') ? await parseOnly(files) : undefined;
    const scan = runs('scan') ? await workspaceScan(corpus, files, options, work) : undefined;
    const large = runs('large') ? await largeFiles(work, options) : undefined;

    const server = await LanguageServer.start();
    const typed: BenchResults['typing'] = {};
    const sizes = options.sizes
      .split(',')
      .map(Number)
      .filter((n) => n > 0);
    for (const size of runs('typing') || runs('memory') ? sizes : []) {
      const file = path.join(work, `typing_${size}.py`);
      const text = generateSource(files, size, random);
      fs.writeFileSync(file, text);
      if (!runs('typing')) continue;
      log(`as you type: ${size} lines, ${options.edits} edits`);
      typed[`${size.toLocaleString('en-US')} lines`] = await asYouType(
        server,
        file,
        text,
        options.edits,
        size > 5000 ? Math.min(options.ruffEdits, 200) : options.ruffEdits,
        random,
        performance.now() + options.phaseSeconds * 1000,
        serverHeapFolder ? () => heapSnapshot(server.pid, serverHeapFolder as string) : undefined,
      );
    }
    const afterOpen = rssOf(server.pid);
    if (serverHeapFolder) await heapSnapshot(server.pid, serverHeapFolder);
    const memoryFile = path.join(work, `typing_${sizes[0]}.py`);
    let samples: { edits: number; rssMb: number | undefined }[] = [];
    let memoryEdits = 0;
    if (runs('memory')) {
      log(`memory: ${options.memoryEdits} edits`);
      ({ samples, done: memoryEdits } = await memoryRun(
        server,
        memoryFile,
        fs.readFileSync(memoryFile, 'utf8'),
        options.memoryEdits,
        random,
        performance.now() + options.phaseSeconds * 1000,
        serverHeapFolder ? () => heapSnapshot(server.pid, serverHeapFolder as string) : undefined,
      ));
    }
    await server.stop();

    let serverScan;
    if (runs('server-scan')) {
      log('language server: workspace scan of the corpus');
      serverScan = await serverWorkspaceScan(corpus, performance.now() + options.phaseSeconds * 2000);
    }

    const bandit = spawnSync('bandit', ['--version'], { encoding: 'utf8' });
    const results = {
      date: new Date().toISOString(),
      command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
      transport,
      machine: {
        cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
        cores: os.availableParallelism?.() ?? os.cpus().length,
        node: process.version,
        platform: `${os.platform()} ${os.release()}`,
        loadBefore,
        loadAfter: os.loadavg(),
      },
      banditVersion: bandit.status === 0 ? /bandit ([\d.]+)/.exec(bandit.stdout)?.[1] : undefined,
      corpus: { path: corpus, files: files.length, lines, bytes },
      scan: scan && {
        ...scan,
        cold: strip(scan.cold),
        filling: strip(scan.filling),
        warm: strip(scan.warm),
        oneThread: strip(scan.oneThread),
        ruff: { ...strip(scan.ruff), diagnostics: scan.ruff.diagnostics },
        bandit: 'missing' in scan.bandit ? scan.bandit : { ...strip(scan.bandit), findings: scan.bandit.findings },
      },
      typing: typed,
      ...(parse ? { parse } : {}),
      ...(large ? { large } : {}),
      serverScan,
      memory: {
        afterOpen,
        edits: memoryEdits,
        requested: options.memoryEdits,
        file: `${sizes[0].toLocaleString('en-US')}-line file`,
        samples,
      },
    };
    const out = options.out ?? path.join(root, 'bench-results', `${results.date.replace(/[:.]/g, '-')}.json`);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, JSON.stringify(results, null, 2));
    if (only) {
      process.stdout.write(
        `${JSON.stringify({ parse, large, typing: results.typing, memory: results.memory, serverScan: results.serverScan, scan: results.scan && { cold: results.scan.cold, warm: results.scan.warm } }, null, 2)}\n\nresults: ${path.relative(root, out)}\n`,
      );
      return;
    }
    const table = markdown(results as BenchResults);
    if (options.docs) writeDocs(table);
    process.stdout.write(`${table}\n\nresults: ${path.relative(root, out)}\n`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

function strip(run: ProcessRun): Omit<ProcessRun, 'stdout' | 'stderr'> {
  const { stdout: _stdout, stderr: _stderr, ...rest } = run;
  return rest;
}

main().catch((error) => {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
