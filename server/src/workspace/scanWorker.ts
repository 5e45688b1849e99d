// Entry point of a scan worker thread (bundled as dist/scanWorker.js): its own parser and engine,
// one job at a time from the pool in scanPool.ts, with the editor's open texts that the pool sends; the index of the
// workspace's imports is shared with the other workers (sharedImportIndex.ts).
import { parentPort, workerData } from 'worker_threads';
import { Engine } from '../engine/engine';
import { PythonParser } from '../parser/parser';
import { allRules } from '../rules';
import { applyOpenTexts, runScanJob, type WorkerMessage } from './scanJob';
import { Scanner } from './scanner';
import { nodeWasmFiles } from './nodeFileAccess';
import { importIndexExchange, type ImportIndexChannel } from './sharedImportIndex';

const openTexts = new Map<string, string>();
const ready = PythonParser.create(nodeWasmFiles()).then((parser) => {
  const scanner = new Scanner(parser, new Engine(parser, allRules));
  scanner.useOpenTexts((file) => openTexts.get(file));
  const channel = (workerData as { importIndex?: ImportIndexChannel } | undefined)?.importIndex;
  if (channel) scanner.shareImportIndex(importIndexExchange(channel));
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
