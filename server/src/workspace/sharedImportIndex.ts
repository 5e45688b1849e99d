// The index of what a workspace's files import (modules.ts), built once for all the workers of a scan.
//
// Each worker of a scan would otherwise read every file of the workspace, resolve its imports and build the same
// index the first time one of its analyses asks for the callers of a function. Instead the first worker to need it
// builds it and sends it to the pool, which passes it on to the other workers; a worker that needs it while another
// is building it waits for it. The index travels on a message port of each worker's own; a flag shared by the pool
// and its workers says whether nobody has started building it, which worker is building it, or that it was sent.
// A worker that dies building it, or fails to, leaves it to the next that needs it.
import { MessageChannel, type MessagePort, receiveMessageOnPort, threadId } from 'worker_threads';
import type { ImportIndexExchange, WorkspaceImportIndex } from './modules';
import type { ScanWorkspace } from './scanJob';

/** The shared flag: nobody has built the index, it was sent, or (any other value) the thread building it. */
const NOT_BUILT = 0;
const SENT = 1;
const buildingBy = (thread: number) => 2 + thread;

/** How long a waiting worker sleeps before looking again (the flag wakes it as soon as it changes). */
const WAIT_MS = 1000;
/** A worker waits this long at most, then builds its own (the one building it is stuck). */
const MAX_WAIT_MS = 30_000;

/** The index and the workspace it was built for. */
interface SharedIndex {
  workspace: string;
  index: WorkspaceImportIndex;
}

/** What a worker is started with (its `workerData`) to share the index. */
export interface ImportIndexChannel {
  flag: SharedArrayBuffer;
  port: MessagePort;
}

/** The pool's side: passes the index one worker built on to the others. */
export class ImportIndexSharing {
  private readonly flag = new Int32Array(new SharedArrayBuffer(4));
  private readonly ports = new Set<MessagePort>();
  private sent: SharedIndex | undefined;

  /**
   * A channel for a new worker: `data` goes in its `workerData`, `transfer` in the transfer list; `lost` once the
   * worker is gone (with its thread id).
   */
  channel(): { data: ImportIndexChannel; transfer: MessagePort; lost: (threadId: number) => void } {
    const { port1, port2 } = new MessageChannel();
    this.ports.add(port1);
    if (this.sent) port1.postMessage(this.sent);
    port1.on('message', (built: SharedIndex) => {
      this.sent = built;
      for (const other of this.ports) if (other !== port1) other.postMessage(built);
      this.signal(SENT);
    });
    port1.unref();
    return {
      data: { flag: this.flag.buffer, port: port2 },
      transfer: port2,
      lost: (thread) => {
        this.ports.delete(port1);
        port1.close();
        // The worker died building it: the next to need it builds it.
        if (Atomics.compareExchange(this.flag, 0, buildingBy(thread), NOT_BUILT) === buildingBy(thread))
          Atomics.notify(this.flag, 0);
      },
    };
  }

  /** Forgets the index sent (the workers started next read every file afresh). */
  reset(): void {
    this.sent = undefined;
    this.signal(NOT_BUILT);
  }

  close(): void {
    for (const port of this.ports) port.close();
    this.ports.clear();
  }

  private signal(state: number): void {
    Atomics.store(this.flag, 0, state);
    Atomics.notify(this.flag, 0);
  }
}

/**
 * The worker's side: the exchange for the modules of one workspace (see `FileSystemModules`). A worker waits
 * `maxWaitMs` at most for another to build the index, then builds its own.
 */
export function importIndexExchange(
  channel: ImportIndexChannel,
  maxWaitMs = MAX_WAIT_MS,
): (workspace: ScanWorkspace) => ImportIndexExchange {
  const flag = new Int32Array(channel.flag);
  let received: SharedIndex | undefined;
  const take = () => {
    for (let message = receiveMessageOnPort(channel.port); message; message = receiveMessageOnPort(channel.port))
      received = message.message as SharedIndex;
  };
  return (scanWorkspace) => {
    const workspace = JSON.stringify(scanWorkspace);
    let building = false;
    return {
      take() {
        const until = Date.now() + maxWaitMs;
        for (;;) {
          take();
          if (received?.workspace === workspace) return received.index;
          const state = Atomics.load(flag, 0);
          if (state === SENT) return undefined; // Another workspace's: this one is built here, for itself.
          if (state === NOT_BUILT) {
            if (Atomics.compareExchange(flag, 0, NOT_BUILT, buildingBy(threadId)) !== NOT_BUILT) continue;
            building = true;
            return undefined;
          }
          const left = until - Date.now();
          if (left <= 0) return undefined;
          Atomics.wait(flag, 0, state, Math.min(WAIT_MS, left));
        }
      },
      unclaimed: () => Atomics.load(flag, 0) === NOT_BUILT,
      built(index) {
        if (!building) return;
        building = false;
        if (index) channel.port.postMessage({ workspace, index: index() } satisfies SharedIndex);
        // Not built after all: the next to need it builds it.
        else if (Atomics.compareExchange(flag, 0, buildingBy(threadId), NOT_BUILT) === buildingBy(threadId))
          Atomics.notify(flag, 0);
      },
    };
  };
}
