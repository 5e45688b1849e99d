// Sums a CPU profile by function: the time each function was on the stack (inclusive, each sample
// counted once per function) and the time it was on top (self). Where profile-summary.mjs reads a
// bundled build, this reads a profile of the sources run through tsx, whose frames name the source
// files, as `scripts/bench/fallbacks.ts` runs them.
// Usage:
//   node --cpu-prof --cpu-prof-dir=prof --import tsx scripts/bench/fallbacks.ts --as-bench --cpu --sizes 20000
//   node scripts/bench/profile-functions.mjs prof/<file>.cpuprofile [--under <function>] [--top <n>]
// --under keeps only the samples with that function on the stack (`analyzeIncrementally`: the
// editor's incremental analyses, without the first whole-file one).
import * as fs from 'fs';
import { Command } from 'commander';

const program = new Command()
  .argument('<profile>', 'a .cpuprofile file')
  .option('--under <function>', 'only the samples with a function of this name on the stack')
  .option('--top <n>', 'functions listed in each table', (value) => Number(value), 40)
  .parse();
const { under, top } = program.opts();
const profile = JSON.parse(fs.readFileSync(program.args[0], 'utf8'));

const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
const label = (node) => {
  const { functionName, url, lineNumber } = node.callFrame;
  return `${functionName || '(anonymous)'} ${url.split('/').slice(-2).join('/')}:${lineNumber + 1}`;
};

const inclusive = new Map();
const self = new Map();
let total = 0;
for (let i = 0; i < profile.samples.length; i++) {
  const time = profile.timeDeltas[i + 1] ?? 0;
  const stack = [];
  for (let id = profile.samples[i]; id !== undefined; id = parent.get(id)) stack.push(nodes.get(id));
  if (under && !stack.some((node) => node.callFrame.functionName === under)) continue;
  total += time;
  const labels = stack.map(label);
  self.set(labels[0], (self.get(labels[0]) ?? 0) + time);
  for (const name of new Set(labels)) inclusive.set(name, (inclusive.get(name) ?? 0) + time);
}

const ms = (microseconds) => (microseconds / 1000).toFixed(0).padStart(8);
const list = (times) =>
  [...times]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, time]) => `${ms(time)} ms  ${name}`)
    .join('\n');
console.log(`${ms(total)} ms in all${under ? ` under ${under}` : ''}`);
console.log(`\ninclusive:\n${list(inclusive)}`);
console.log(`\nself:\n${list(self)}`);
