import * as fs from 'fs';
import * as path from 'path';
import { ResourceLimits, Worker } from 'worker_threads';
import { Engine } from '../engine/engine';
import { PythonParser } from '../parser/parser';
import { allRules } from '../rules';
import { DEFAULT_MAX_FILE_BYTES } from './files';
import { applyOpenTexts, runScanJob, type ScanJob, type ScanJobResult, type WorkerMessage } from './scanJob';
import { ImportIndexSharing } from './sharedImportIndex';
import { Scanner } from './scanner';
import { nodeWasmFiles } from './nodeFileAccess';

/** Runs scan jobs, on worker threads when there are several jobs' worth of cores, else in this thread. */
export interface ScanPool {
  readonly threads: number;
  /** True when jobs run on worker threads, false when in the calling thread. */
  readonly onWorkers: boolean;
  /** Worker threads started and not stopped. */
  liveWorkers(): number;
  /** Runs `job`; a job still waiting for a thread when `signal` aborts is dropped (the promise rejects with its reason). */
  run(job: ScanJob, signal?: AbortSignal): Promise<ScanJobResult>;
  /**
   * The files open in an editor (path → text): jobs run after this read these texts instead of the files when they
   * follow calls into them.
   */
  setOpenTexts(texts: ReadonlyMap<string, string>): void;
  /** Files changed on disk: jobs run after this read them again. */
  filesChanged(files: readonly string[]): void;
  close(): Promise<void>;
}

export interface ScanPoolOptions {
  /** Analyse on a worker thread even with one thread: this thread has other work (the editor's keystrokes). */
  offThread?: boolean;
  /** Workers idle this long are stopped, so their memory goes back to the system; the next job starts one again. */
  idleMs?: number;
  /** The worker entry (default: the bundled one next to this bundle, absent when running from source). */
  workerScript?: string;
  /**
   * Each worker's young generation, in megabytes (default 8: lean, for a worker beside the editor). The analysis
   * allocates mostly short-lived tree-sitter node objects; a larger young generation collects them in fewer, cheaper
   * scavenges and promotes less to the old generation, for CPU at the cost of memory (see docs/benchmarks.md).
   */
  youngGenerationMb?: number;
}

/** The open texts one thread has been given, to send it only what changed. */
class OpenTextsGiven {
  private readonly given = new Map<string, string>();

  /** What changed from what was given to `current` (now given). */
  update(current: ReadonlyMap<string, string>): [string, string | null][] {
    const changes: [string, string | null][] = [];
    for (const [file, text] of current) {
      if (this.given.get(file) === text) continue;
      changes.push([file, text]);
      this.given.set(file, text);
    }
    for (const file of this.given.keys()) {
      if (current.has(file)) continue;
      changes.push([file, null]);
      this.given.delete(file);
    }
    return changes;
  }
}

const abortReason = (signal: AbortSignal): Error =>
  signal.reason instanceof Error ? signal.reason : new Error('the scan job was cancelled');

/** The bundled worker entry, next to the running bundle; absent when running from source. */
function workerScript(): string | undefined {
  const script = path.join(__dirname, 'scanWorker.js');
  return fs.existsSync(script) ? script : undefined;
}

/**
 * Heap limits of a scan worker. V8 lets an old generation grow to about four times what survived
 * its last full collection when the limit is the default (gigabytes), so each worker's heap swelled
 * to several times its live data between collections; under a limit of a few hundred megabytes it
 * grows by less than half before collecting. The limit scales with the largest file a scan reads
 * (a 5 MB file peaks near 230 MB of heap), so it is never what stops an analysis. The young
 * generation is 8 MB unless the caller trades memory for CPU (`youngGenerationMb`).
 */
export function workerResourceLimits(
  maxFileBytes: number,
  youngGenerationMb = 8,
): {
  maxOldGenerationSizeMb: number;
  maxYoungGenerationSizeMb: number;
} {
  const perSourceMegabyte = 100;
  return {
    maxOldGenerationSizeMb: Math.max(512, Math.ceil((perSourceMegabyte * maxFileBytes) / (1024 * 1024))),
    maxYoungGenerationSizeMb: youngGenerationMb,
  };
}

export function createScanPool(
  threads: number,
  maxFileBytes = DEFAULT_MAX_FILE_BYTES,
  options: ScanPoolOptions = {},
): ScanPool {
  const script = options.workerScript ?? workerScript();
  return (threads > 1 || options.offThread) && script
    ? new WorkerPool(
        script,
        Math.max(1, threads),
        workerResourceLimits(maxFileBytes, options.youngGenerationMb),
        options.idleMs,
      )
    : new InThreadPool();
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** One job at a time, each in an event-loop turn of its own, so that other work of this thread runs between them. */
class InThreadPool implements ScanPool {
  readonly threads = 1;
  readonly onWorkers = false;
  private scanner: Promise<Scanner> | undefined;
  private last: Promise<unknown> = Promise.resolve();
  private readonly openTexts = new Map<string, string>();
  private current: ReadonlyMap<string, string> = new Map();
  private readonly given = new OpenTextsGiven();
  private changed: string[] = [];

  run(job: ScanJob, signal?: AbortSignal): Promise<ScanJobResult> {
    const result = this.last.then(async () => {
      await nextTurn();
      if (signal?.aborted) throw abortReason(signal);
      const scanner = await this.start();
      const changed = applyOpenTexts(this.openTexts, { open: this.given.update(this.current), changed: this.changed });
      this.changed = [];
      scanner.filesChanged(changed);
      return runScanJob(scanner, job);
    });
    this.last = result.catch(() => undefined);
    return result;
  }

  private start(): Promise<Scanner> {
    this.scanner ??= PythonParser.create(nodeWasmFiles()).then((parser) => {
      const scanner = new Scanner(parser, new Engine(parser, allRules));
      scanner.useOpenTexts((file) => this.openTexts.get(file));
      return scanner;
    });
    return this.scanner;
  }

  setOpenTexts(texts: ReadonlyMap<string, string>): void {
    this.current = texts;
  }

  liveWorkers(): number {
    return 0;
  }

  filesChanged(files: readonly string[]): void {
    this.changed.push(...files);
  }

  async close(): Promise<void> {}
}

interface Pending {
  id: number;
  job: ScanJob;
  resolve: (result: ScanJobResult) => void;
  reject: (error: Error) => void;
  /** Stops listening to the job's signal. */
  settled: () => void;
}

/** What the pool has sent one worker. */
interface WorkerState {
  given: OpenTextsGiven;
  /** Files changed on disk since the worker's last job. */
  changed: string[];
  /** Closes the worker's channel for the shared import index, once it is gone. */
  indexChannelLost: () => void;
}

/**
 * Workers start on the first job (a fully cached run starts none); each takes the next job when it is done. With
 * `idleMs`, workers are stopped once no job has been waiting or running for that long.
 */
class WorkerPool implements ScanPool {
  readonly onWorkers = true;
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Pending>();
  private readonly queue: Pending[] = [];
  /** The live workers and what each has been sent. */
  private readonly workers = new Map<Worker, WorkerState>();
  private openTexts: ReadonlyMap<string, string> = new Map();
  private nextId = 0;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  /** With more than one worker: the index of the workspace's imports that one builds, shared with the others. */
  private readonly importIndex: ImportIndexSharing | undefined;

  constructor(
    private readonly script: string,
    readonly threads: number,
    private readonly resourceLimits: ResourceLimits,
    private readonly idleMs?: number,
  ) {
    this.importIndex = threads > 1 ? new ImportIndexSharing() : undefined;
  }

  run(job: ScanJob, signal?: AbortSignal): Promise<ScanJobResult> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    return new Promise((resolve, reject) => {
      const pending: Pending = { id: this.nextId++, job, resolve, reject, settled: () => undefined };
      if (signal) {
        const abort = () => {
          const index = this.queue.indexOf(pending);
          if (index === -1) return; // Running already: its result comes.
          this.queue.splice(index, 1);
          reject(abortReason(signal));
          this.stopWhenIdle();
        };
        signal.addEventListener('abort', abort, { once: true });
        pending.settled = () => signal.removeEventListener('abort', abort);
      }
      this.queue.push(pending);
      if (this.idleTimer) clearTimeout(this.idleTimer);
      this.idleTimer = undefined;
      if (this.idle.length === 0 && this.workers.size < this.threads) this.start();
      this.dispatch();
    });
  }

  setOpenTexts(texts: ReadonlyMap<string, string>): void {
    this.openTexts = texts;
  }

  liveWorkers(): number {
    return this.workers.size;
  }

  filesChanged(files: readonly string[]): void {
    // A worker started later reads every file afresh.
    for (const state of this.workers.values()) state.changed.push(...files);
  }

  private start(): void {
    const channel = this.importIndex?.channel();
    const worker = new Worker(this.script, {
      resourceLimits: this.resourceLimits,
      ...(channel ? { workerData: { importIndex: channel.data }, transferList: [channel.transfer] } : {}),
    });
    // (A worker's own id reads -1 once it has exited.)
    const thread = worker.threadId;
    this.workers.set(worker, {
      given: new OpenTextsGiven(),
      changed: [],
      indexChannelLost: () => channel?.lost(thread),
    });
    worker.on('message', (message: { id: number; result?: ScanJobResult; error?: string }) => {
      const pending = this.busy.get(worker);
      this.busy.delete(worker);
      this.idle.push(worker);
      if (pending) {
        pending.settled();
        if (message.result) pending.resolve(message.result);
        else pending.reject(new Error(message.error ?? 'the scan worker failed'));
      }
      this.dispatch();
      this.stopWhenIdle();
    });
    // A worker that dies fails its current job only; the next job starts a fresh worker.
    worker.on('error', (error) => this.lost(worker, error));
    worker.on('exit', (code) => this.lost(worker, new Error(`the scan worker exited with code ${code}`)));
    this.idle.push(worker);
  }

  private lost(worker: Worker, error: Error): void {
    const state = this.workers.get(worker);
    if (!state) return;
    this.workers.delete(worker);
    state.indexChannelLost();
    const index = this.idle.indexOf(worker);
    if (index !== -1) this.idle.splice(index, 1);
    const pending = this.busy.get(worker);
    this.busy.delete(worker);
    pending?.settled();
    pending?.reject(error);
    if (this.queue.length && this.idle.length === 0 && this.workers.size < this.threads) this.start();
    this.dispatch();
  }

  private dispatch(): void {
    while (this.idle.length && this.queue.length) {
      const worker = this.idle.pop()!;
      const pending = this.queue.shift()!;
      this.busy.set(worker, pending);
      const state = this.workers.get(worker)!;
      const message: WorkerMessage = { id: pending.id, job: pending.job };
      const open = state.given.update(this.openTexts);
      if (open.length) message.open = open;
      if (state.changed.length) message.changed = state.changed;
      state.changed = [];
      worker.postMessage(message);
    }
  }

  /** Once nothing runs or waits, the workers are stopped after `idleMs` (a job before then keeps them). */
  private stopWhenIdle(): void {
    if (this.idleMs === undefined || this.busy.size || this.queue.length || this.idleTimer) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      if (this.busy.size || this.queue.length) return;
      void this.stopWorkers();
    }, this.idleMs);
    this.idleTimer.unref();
  }

  private async stopWorkers(): Promise<void> {
    const workers = [...this.workers.keys()];
    for (const state of this.workers.values()) state.indexChannelLost();
    this.importIndex?.reset();
    for (const pending of this.busy.values()) {
      pending.settled();
      pending.reject(new Error('the scan pool was closed'));
    }
    this.workers.clear();
    this.idle.length = 0;
    this.busy.clear();
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  async close(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    this.importIndex?.close();
    for (const pending of this.queue.splice(0)) {
      pending.settled();
      pending.reject(new Error('the scan pool was closed'));
    }
    await this.stopWorkers();
  }
}
