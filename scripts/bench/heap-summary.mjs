// Sums a heap snapshot (a .heapsnapshot file, as `npm run bench -- --server-heap <dir>` writes of the language
// server) by what holds the memory: objects by constructor, strings, code, arrays, native memory; the largest first.
// What a snapshot holds is live after a full collection, so two snapshots compare memory kept, not memory waiting
// to be collected. Usage: node scripts/bench/heap-summary.mjs <file.heapsnapshot> [rows, default 20]
import * as fs from 'fs';

const [file, rows = '20'] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: node scripts/bench/heap-summary.mjs <file.heapsnapshot> [rows]\n');
  process.exit(2);
}
const snapshot = JSON.parse(fs.readFileSync(file, 'utf8'));
const meta = snapshot.snapshot.meta;
const fields = meta.node_fields;
const types = meta.node_types[0];
const { nodes, strings } = snapshot;
const typeField = fields.indexOf('type');
const nameField = fields.indexOf('name');
const sizeField = fields.indexOf('self_size');
const stringTypes = new Set(['string', 'concatenated string', 'sliced string']);

const byKind = new Map();
let total = 0;
// Strings of 100 KB or more are most likely whole versions of a document: how many are kept tells versions kept.
const LARGE_STRING = 100 * 1024;
let largeStrings = 0;
let largeStringBytes = 0;
for (let i = 0; i < nodes.length; i += fields.length) {
  const type = types[nodes[i + typeField]];
  const kind =
    type === 'object' || type === 'closure'
      ? strings[nodes[i + nameField]]
      : stringTypes.has(type)
        ? '(string)'
        : `(${type})`;
  const size = nodes[i + sizeField];
  total += size;
  if (stringTypes.has(type) && size >= LARGE_STRING) {
    largeStrings++;
    largeStringBytes += size;
  }
  const entry = byKind.get(kind) ?? { size: 0, count: 0 };
  entry.size += size;
  entry.count++;
  byKind.set(kind, entry);
}
const mb = (bytes) => (bytes / (1024 * 1024)).toFixed(1);
console.log(`${mb(total)} MB live in ${file}`);
console.log(`${mb(largeStringBytes)} MB in ${largeStrings} strings of ${LARGE_STRING / 1024} KB or more`);
for (const [kind, { size, count }] of [...byKind].sort((a, b) => b[1].size - a[1].size).slice(0, Number(rows)))
  console.log(`${mb(size).padStart(8)} MB ${String(count).padStart(9)}  ${kind.slice(0, 80)}`);
