// Ruff's flake8-bandit rules (S) through its WebAssembly build, over a list of files: the
// comparison point for a first pass, run in its own process so its time and memory are its own.
// Usage: node ruff-scan.cjs FILE_LIST   (one path per line); prints {"diagnostics": N}.
const fs = require('fs');
const { Workspace, PositionEncoding } = require('@astral-sh/ruff-wasm-nodejs');

const files = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean);
const workspace = new Workspace({ lint: { select: ['S'] } }, PositionEncoding.Utf16);
let diagnostics = 0;
let failures = 0;
for (const file of files) {
  try {
    diagnostics += workspace.check(fs.readFileSync(file, 'utf8')).length;
  } catch {
    failures++;
  }
}
process.stdout.write(JSON.stringify({ diagnostics, failures }));
