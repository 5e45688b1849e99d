// Sums a CPU profile of a scan by where the time goes: tree-sitter (its parse, its queries, and
// everything else: node accessors and the glue that copies nodes in and out of WebAssembly), the
// garbage collector, the rest; then the time under the engine's rule pass by rule file, the time
// under the questions one file's analysis asks about other modules (semantic/crossModule.ts), by question,
// and the time in tree-sitter's node accessors by the function of ours that called them.
// Usage:
//   node --cpu-prof --cpu-prof-dir=prof dist/cli.js scan <folder> --no-cache --jobs 1 --format json > /dev/null
//   node scripts/bench/profile-summary.mjs prof/<file>.cpuprofile [dist/cli.js]
// The bundle (dist/cli.js, or dist/scanWorker.js for a worker's profile) maps its lines back to the
// source files through the `// path` comments the bundler writes before each module.
import * as fs from 'fs';

const [profileFile, bundleFile = 'dist/cli.js'] = process.argv.slice(2);
if (!profileFile) {
  process.stderr.write('usage: node scripts/bench/profile-summary.mjs <file.cpuprofile> [bundle.js]\n');
  process.exit(2);
}
const profile = JSON.parse(fs.readFileSync(profileFile, 'utf8'));
const bundle = fs.readFileSync(bundleFile, 'utf8').split('\n');

// Source file of each bundle line.
const starts = [];
bundle.forEach((line, index) => {
  // The path is relative to where the bundle was built from (`../../main/node_modules/...` in a linked worktree).
  const match = /^\/\/ \S*?((?:server|client)\/src\/\S+|node_modules\/\S+)$/.exec(line);
  if (match) starts.push([index + 1, match[1]]);
});
const sourceOf = (line) => {
  let found = '?';
  for (let lo = 0, hi = starts.length - 1; lo <= hi;) {
    const mid = (lo + hi) >> 1;
    if (starts[mid][0] <= line) {
      found = starts[mid][1];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
};

const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
const self = new Map();
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));

const isTreeSitter = (node) => {
  const { url, functionName, lineNumber } = node.callFrame;
  if (url.startsWith('wasm://') || /^(?:js-to-wasm|wasm-to-js|GenericJSToWasmWrapper)/.test(functionName)) return true;
  return url.endsWith('.js') && sourceOf(lineNumber + 1).startsWith('node_modules/web-tree-sitter/');
};
const stackOf = (id) => {
  const stack = [];
  for (let at = id; at !== undefined; at = parent.get(at)) stack.push(nodes.get(at));
  return stack;
};

// The questions about other modules, by their entry point (the outermost frame of crossModule.ts that is not a
// wrapper around the whole analysis).
const CROSS_MODULE = 'server/src/semantic/crossModule.ts';
const WRAPPERS = new Set(['session', 'within', '']);
const kinds = new Map();
const rules = new Map();
const questions = new Map();
const questionWork = new Map();
/** The time in tree-sitter's node accessors, by the nearest function outside tree-sitter on the stack. */
const accessorCallers = new Map();
let total = 0;
const add = (map, key, time) => map.set(key, (map.get(key) ?? 0) + time);
for (const [id, time] of self) {
  total += time;
  const stack = stackOf(id);
  const leaf = stack[0];
  const name = leaf.callFrame.functionName;
  if (name === '(garbage collector)') add(kinds, 'garbage collector', time);
  else if (name === '(idle)' || name === '(program)') add(kinds, name, time);
  else if (isTreeSitter(leaf)) {
    const names = stack.map((node) => node.callFrame.functionName);
    const kind = names.includes('parse')
      ? 'parse'
      : names.includes('captures') || names.includes('matches')
        ? 'query'
        : 'nodes';
    add(kinds, `tree-sitter: ${kind}`, time);
    if (kind === 'nodes') {
      const caller = stack.find((node) => node.callFrame.url.endsWith('.js') && !isTreeSitter(node));
      if (caller)
        add(
          accessorCallers,
          `${caller.callFrame.functionName || '(anonymous)'} ${sourceOf(caller.callFrame.lineNumber + 1)}`,
          time,
        );
    }
  } else add(kinds, 'analysis and the rest', time);
  const pass = stack.findIndex((node) => node.callFrame.functionName === 'runRules');
  if (pass > 0) add(rules, sourceOf(stack[pass - 1].callFrame.lineNumber + 1), time);
  const question = stack.findLast(
    (node) =>
      node.callFrame.url.endsWith('.js') &&
      !WRAPPERS.has(node.callFrame.functionName) &&
      sourceOf(node.callFrame.lineNumber + 1) === CROSS_MODULE,
  );
  if (question) {
    add(questions, question.callFrame.functionName, time);
    add(questionWork, workOf(stack, leaf), time);
  }
}

// What the time under a question is spent on: parsing another module, collecting its nodes, building its model, or
// the rest (its analysis: summaries, taint, resolving names).
function workOf(stack, leaf) {
  const names = stack.map((node) => node.callFrame.functionName);
  if (names.includes('parse') && isTreeSitter(leaf)) return 'parsing the module';
  if (names.includes('captures') || names.includes('capturesByType')) return 'collecting its nodes';
  if (names.includes('SemanticModel')) return 'building its model';
  // (The garbage collector's samples hang off the root, never under a question.)
  return 'its analysis and the rest';
}

const seconds = (us) => (us / 1e6).toFixed(2).padStart(7);
process.stdout.write(`${seconds(total)} s in all\n`);
for (const [kind, time] of [...kinds].sort((a, b) => b[1] - a[1])) process.stdout.write(`${seconds(time)}  ${kind}\n`);
const pass = [...rules.values()].reduce((a, b) => a + b, 0);
process.stdout.write(`\n${seconds(pass)} s under the rule pass, by the file of the visitor it called:\n`);
for (const [file, time] of [...rules].sort((a, b) => b[1] - a[1]).slice(0, 15))
  process.stdout.write(`${seconds(time)}  ${file}\n`);
const asked = [...questions.values()].reduce((a, b) => a + b, 0);
process.stdout.write(
  `\n${seconds(asked)} s under questions about other modules (parsing them included), by question:\n`,
);
for (const [question, time] of [...questions].sort((a, b) => b[1] - a[1]))
  process.stdout.write(`${seconds(time)}  ${question}\n`);
process.stdout.write('by what it does:\n');
for (const [work, time] of [...questionWork].sort((a, b) => b[1] - a[1]))
  process.stdout.write(`${seconds(time)}  ${work}\n`);
const accessed = [...accessorCallers.values()].reduce((a, b) => a + b, 0);
process.stdout.write(`\n${seconds(accessed)} s in tree-sitter's node accessors, by the function that called them:\n`);
for (const [caller, time] of [...accessorCallers].sort((a, b) => b[1] - a[1]).slice(0, 20))
  process.stdout.write(`${seconds(time)}  ${caller}\n`);
