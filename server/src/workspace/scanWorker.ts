// Entry point of a scan worker thread (bundled as dist/scanWorker.js): its own parser and engine,
// one job at a time from the pool in scanPool.ts.
import { parentPort } from 'worker_threads';
import { Engine } from '../engine/engine';
import { PythonParser } from '../parser/parser';
import { allRules } from '../rules';
import { ScanJob, runScanJob } from './scanJob';
import { Scanner } from './scanner';
import { nodeWasmFiles } from './nodeFileAccess';

const ready = PythonParser.create(nodeWasmFiles()).then((parser) => new Scanner(parser, new Engine(parser, allRules)));

parentPort?.on('message', (message: { id: number; job: ScanJob }) => {
  ready.then(
    (scanner) => {
      try {
        parentPort!.postMessage({ id: message.id, result: runScanJob(scanner, message.job) });
      } catch (error) {
        parentPort!.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
      }
    },
    (error) => parentPort!.postMessage({ id: message.id, error: `the parser could not start: ${String(error)}` }),
  );
});
