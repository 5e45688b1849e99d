import * as fs from 'fs';
import * as path from 'path';
import { ResourceLimits, Worker } from 'worker_threads';
import { Engine } from '../engine/engine';
import { PythonParser } from '../parser/parser';
import { allRules } from '../rules';
import { DEFAULT_MAX_FILE_BYTES } from './files';
import { ScanJob, ScanJobResult, runScanJob } from './scanJob';
import { Scanner } from './scanner';
import { nodeWasmFiles } from './nodeFileAccess';

/** Runs scan jobs, on worker threads when there are several jobs' worth of cores, else in this thread. */
export interface ScanPool {
  readonly threads: number;
  run(job: ScanJob): Promise<ScanJobResult>;
  close(): Promise<void>;
}

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
 * (a 5 MB file peaks near 230 MB of heap), so it is never what stops an analysis; a smaller young
 * generation keeps short-lived node objects from holding tens of megabytes per worker.
 */
export function workerResourceLimits(maxFileBytes: number): {
  maxOldGenerationSizeMb: number;
  maxYoungGenerationSizeMb: number;
} {
  const perSourceMegabyte = 100;
  return {
    maxOldGenerationSizeMb: Math.max(512, Math.ceil((perSourceMegabyte * maxFileBytes) / (1024 * 1024))),
    maxYoungGenerationSizeMb: 8,
  };
}

export function createScanPool(threads: number, maxFileBytes = DEFAULT_MAX_FILE_BYTES): ScanPool {
  const script = workerScript();
  return threads > 1 && script
    ? new WorkerPool(script, threads, workerResourceLimits(maxFileBytes))
    : new InThreadPool();
}

class InThreadPool implements ScanPool {
  readonly threads = 1;
  private scanner: Promise<Scanner> | undefined;

  async run(job: ScanJob): Promise<ScanJobResult> {
    this.scanner ??= PythonParser.create(nodeWasmFiles()).then(
      (parser) => new Scanner(parser, new Engine(parser, allRules)),
    );
    return runScanJob(await this.scanner, job);
  }

  async close(): Promise<void> {}
}

interface Pending {
  id: number;
  job: ScanJob;
  resolve: (result: ScanJobResult) => void;
  reject: (error: Error) => void;
}

/** Workers start on the first job (a fully cached run starts none); each takes the next job when it is done. */
class WorkerPool implements ScanPool {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Pending>();
  private readonly queue: Pending[] = [];
  private started = 0;
  private nextId = 0;

  constructor(
    private readonly script: string,
    readonly threads: number,
    private readonly resourceLimits: ResourceLimits,
  ) {}

  run(job: ScanJob): Promise<ScanJobResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, job, resolve, reject });
      if (this.idle.length === 0 && this.started < this.threads) this.start();
      this.dispatch();
    });
  }

  private start(): void {
    this.started++;
    const worker = new Worker(this.script, { resourceLimits: this.resourceLimits });
    worker.on('message', (message: { id: number; result?: ScanJobResult; error?: string }) => {
      const pending = this.busy.get(worker);
      this.busy.delete(worker);
      this.idle.push(worker);
      if (pending) {
        if (message.result) pending.resolve(message.result);
        else pending.reject(new Error(message.error ?? 'the scan worker failed'));
      }
      this.dispatch();
    });
    // A worker that dies fails its current job only; the next job starts a fresh worker.
    worker.on('error', (error) => this.lost(worker, error));
    worker.on('exit', (code) => this.lost(worker, new Error(`the scan worker exited with code ${code}`)));
    this.idle.push(worker);
  }

  private lost(worker: Worker, error: Error): void {
    const index = this.idle.indexOf(worker);
    if (index !== -1) this.idle.splice(index, 1);
    const pending = this.busy.get(worker);
    if (!this.busy.delete(worker) && index === -1) return;
    this.started--;
    pending?.reject(error);
    if (this.queue.length && this.idle.length === 0 && this.started < this.threads) this.start();
    this.dispatch();
  }

  private dispatch(): void {
    while (this.idle.length && this.queue.length) {
      const worker = this.idle.pop()!;
      const pending = this.queue.shift()!;
      this.busy.set(worker, pending);
      worker.postMessage({ id: pending.id, job: pending.job });
    }
  }

  async close(): Promise<void> {
    const workers = [...this.idle, ...this.busy.keys()];
    this.idle.length = 0;
    this.busy.clear();
    this.started = 0;
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
