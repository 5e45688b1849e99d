// Runs the paired dataflow corpus (test/dataflow) and prints TPR and FPR per sink kind and per trick.
//
//   npm run dataflow -- [--report docs/dataflow-corpus.md] [--json] [--update-ratchet | --reset-ratchet]
//                       [--record-before DESCRIPTION] [--grep TEXT] [--show]
//
// --report writes the Markdown report (with the "before" columns of test/dataflow/before.json),
// --json prints every half's result instead of the table, --grep runs only the pairs whose name
// contains TEXT, --show prints the files of the halves scored wrong.
// --update-ratchet moves test/dataflow/ratchet.json (what the corpus test holds the analysis to) up:
// halves right today are recorded, halves it records right stay right even when they are wrong
// today, new pairs come in. --reset-ratchet records today's outcomes as they are: only for a
// regression accepted on purpose (say why in the commit).
// --record-before writes today's outcomes to test/dataflow/before.json, described as DESCRIPTION:
// run it on a checkout of the last commit before the dataflow analysis.
import * as fs from 'fs';
import * as path from 'path';
import { corpus } from '../test/dataflow/cases';
import { expandHalf } from '../test/dataflow/model';
import {
  type Before,
  beforeFile,
  compareWithRatchet,
  consoleTable,
  correct,
  describeRatchetChanges,
  markdownReport,
  ratchetFile,
  readRatchet,
  ratchetOf,
  runCorpus,
  tightenRatchet,
  writeRatchet,
} from '../test/dataflow/run';

const COMMAND = 'npm run dataflow -- --report docs/dataflow-corpus.md';

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  if (at < 0) return undefined;
  const value = args[at + 1];
  if (!value || value.startsWith('--')) throw new Error(`${name} needs a value`);
  return value;
}

async function main(args: string[]): Promise<number> {
  const known = new Set([
    '--report',
    '--json',
    '--update-ratchet',
    '--reset-ratchet',
    '--record-before',
    '--grep',
    '--show',
  ]);
  for (const arg of args)
    if (arg.startsWith('--') && !known.has(arg)) throw new Error(`unknown option ${arg}; use ${[...known].join(', ')}`);
  const report = option(args, '--report');
  const grep = option(args, '--grep');
  const recordBefore = option(args, '--record-before');
  const json = args.includes('--json');
  const update = args.includes('--update-ratchet');
  const reset = args.includes('--reset-ratchet');
  if (update && reset) throw new Error('--update-ratchet and --reset-ratchet cannot be used together');
  if (grep && (update || reset || report || recordBefore))
    throw new Error('--grep runs part of the corpus: it cannot write the ratchet, the report or the record');
  const pairs = grep ? corpus.filter((pair) => pair.name.includes(grep)) : corpus;
  if (!pairs.length) throw new Error(`no pair's name contains ${JSON.stringify(grep)}`);
  const started = Date.now();
  const results = await runCorpus(pairs, (done, total) => {
    if (process.stderr.isTTY) process.stderr.write(`\r${done}/${total} pairs`);
  });
  if (process.stderr.isTTY) process.stderr.write('\n');
  if (json)
    process.stdout.write(
      `${JSON.stringify(
        results.map((r) => ({
          name: r.pair.name,
          kind: r.pair.kind,
          trick: r.pair.trick,
          half: r.half,
          rule: r.rule,
          outcome: r.outcome,
          lowOnly: r.lowOnly,
          detail: r.detail ?? null,
          errors: r.errors,
        })),
        null,
        2,
      )}\n`,
    );
  else {
    process.stdout.write(`${consoleTable(results)}\n\n`);
    const wrong = results.filter((r) => !correct(r) && r.outcome !== 'unmeasured' && r.detail !== 'rule not present');
    process.stdout.write(`wrong (${wrong.length}, rules not present left out):\n`);
    for (const r of wrong) process.stdout.write(`  ${r.id}: ${r.outcome}, ${r.detail}\n`);
    if (args.includes('--show'))
      for (const r of wrong) {
        const half = expandHalf(r.pair, r.half);
        process.stdout.write(`\n===== ${r.id} (sink: ${half.sink.file}:${half.sink.line})\n`);
        for (const [file, text] of Object.entries(half.files)) process.stdout.write(`----- ${file}\n${text}`);
      }
  }
  const errors = results.filter((r) => r.errors.length);
  for (const r of errors) process.stderr.write(`scan error in ${r.id}: ${r.errors.join('; ')}\n`);
  if (recordBefore) {
    const record: Before = { description: recordBefore, outcomes: ratchetOf(results) };
    fs.writeFileSync(beforeFile, `${JSON.stringify(record, null, 2)}\n`);
    process.stderr.write(`wrote ${path.relative(process.cwd(), beforeFile)}\n`);
  }
  if (report) {
    const before = fs.existsSync(beforeFile) ? (JSON.parse(fs.readFileSync(beforeFile, 'utf8')) as Before) : undefined;
    fs.writeFileSync(path.resolve(report), `${markdownReport(results, COMMAND, before)}\n`);
    process.stderr.write(`wrote ${report}\n`);
  }
  if (reset || (update && !fs.existsSync(ratchetFile))) {
    writeRatchet(results);
    process.stderr.write(`wrote ${path.relative(process.cwd(), ratchetFile)}\n`);
  } else if (update) {
    const { kept } = tightenRatchet(results, readRatchet());
    process.stderr.write(`wrote ${path.relative(process.cwd(), ratchetFile)}\n`);
    if (kept.length)
      process.stderr.write(
        `kept ${kept.length} halves recorded right that are wrong today (fix them, or --reset-ratchet to accept):\n` +
          kept.map((r) => `  ${r.id}: ${r.outcome} (${r.detail ?? ''})\n`).join(''),
      );
  } else if (!grep && fs.existsSync(ratchetFile)) {
    const ratchet = readRatchet();
    const changes = describeRatchetChanges(compareWithRatchet(results, ratchet), ratchet);
    if (changes.length)
      process.stderr.write(
        `\ncompared with test/dataflow/ratchet.json:\n${changes.map((line) => `  ${line}`).join('\n')}\n` +
          'If the changes are improvements, record them with `npm run dataflow -- --update-ratchet`.\n',
      );
  }
  process.stderr.write(`${pairs.length} pairs in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  return errors.length ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: Error) => {
    process.stderr.write(`dataflow-corpus: ${error.message}\n`);
    process.exitCode = 2;
  },
);
