// Ruff's flake8-bandit rules (S) through its WebAssembly build, re-checking a whole text after each keystroke of the
// typing runs: a worker thread of the benchmark, so that what Ruff allocates is collected in its own heap, not in the
// one that receives the language server's diagnostics (its collections delayed their arrival). Each message is a text;
// the reply is the milliseconds its check took.
const { parentPort } = require('worker_threads');
const { Workspace, PositionEncoding } = require('@astral-sh/ruff-wasm-nodejs');

const workspace = new Workspace({ lint: { select: ['S'] } }, PositionEncoding.Utf16);
parentPort.on('message', (text) => {
  const started = performance.now();
  workspace.check(text);
  parentPort.postMessage(performance.now() - started);
});
