// Entry point of a scan worker thread (bundled as dist/scanWorker.js): its own parser and engine,
// one job at a time from the pool in scanPool.ts, with the editor's open texts that the pool sends.
import { parentPort } from 'worker_threads';
import { Engine } from '../engine/engine';
import { PythonParser } from '../parser/parser';
import { allRules } from '../rules';
import { applyOpenTexts, runScanJob, type WorkerMessage } from './scanJob';
import { Scanner } from './scanner';
import { nodeWasmFiles } from './nodeFileAccess';

const openTexts = new Map<string, string>();
const ready = PythonParser.create(nodeWasmFiles()).then((parser) => {
  const scanner = new Scanner(parser, new Engine(parser, allRules));
  scanner.useOpenTexts((file) => openTexts.get(file));
  return scanner;
});

parentPort?.on('message', (message: WorkerMessage) => {
  ready.then(
    (scanner) => {
      try {
        scanner.filesChanged(applyOpenTexts(openTexts, message));
        parentPort!.postMessage({ id: message.id, result: runScanJob(scanner, message.job) });
      } catch (error) {
        parentPort!.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
      }
    },
    (error) => parentPort!.postMessage({ id: message.id, error: `the parser could not start: ${String(error)}` }),
  );
});
