#!/usr/bin/env node
// Compares two `scan --format json` reports of the same tree: findings whose confidence changed,
// findings only in one of them, and totals per rule and confidence.
// Usage: node scripts/compare-scans.mjs before.json after.json
import { readFileSync } from 'node:fs';

const [beforeFile, afterFile] = process.argv.slice(2);
if (!beforeFile || !afterFile) {
  console.error('usage: node scripts/compare-scans.mjs before.json after.json');
  process.exit(2);
}
const load = (file) => JSON.parse(readFileSync(file, 'utf8')).findings;
const key = (f) => `${f.file}:${f.line}:${f.column}:${f.ruleId}`;
const before = new Map(load(beforeFile).map((f) => [key(f), f]));
const after = new Map(load(afterFile).map((f) => [key(f), f]));
const tally = (entries) => {
  const counts = {};
  for (const label of entries) counts[label] = (counts[label] ?? 0) + 1;
  return (
    Object.entries(counts)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([label, n]) => `  ${label}: ${n}`)
      .join('\n') || '  (none)'
  );
};
const changed = [...before.keys()].filter((k) => after.has(k) && after.get(k).confidence !== before.get(k).confidence);
const gone = [...before.keys()].filter((k) => !after.has(k));
const added = [...after.keys()].filter((k) => !before.has(k));
console.log(
  `before: ${before.size} findings\n${tally([...before.values()].map((f) => `${f.ruleId} ${f.confidence}`))}`,
);
console.log(`after: ${after.size} findings\n${tally([...after.values()].map((f) => `${f.ruleId} ${f.confidence}`))}`);
console.log(
  `confidence changed: ${changed.length}\n${tally(changed.map((k) => `${before.get(k).ruleId} ${before.get(k).confidence} -> ${after.get(k).confidence}`))}`,
);
console.log(`only before: ${gone.length}\n${gone.map((k) => `  ${k}`).join('\n')}`);
console.log(
  `only after: ${added.length}\n${tally(added.map((k) => `${after.get(k).ruleId} ${after.get(k).confidence}`))}`,
);
