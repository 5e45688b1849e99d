// Runs random edit sequences through the language server (default 10,000) and reports counts:
// sequences run, notifications sent, crashes, answers that never came and diagnostics that differ
// from a fresh open of the final text. Usage: npm run fuzz -- [count] [seed]
import * as assert from 'assert';
import fc from 'fast-check';
import * as fs from 'fs';
import { LspClient } from '../test/support/lspServerProcess';
import { editCorpus } from '../test/robustness/corpus';
import { comparable, editSequenceArbitrary, EditSequence, runSequence } from '../test/robustness/editFuzz';

const count = Number(process.argv[2] ?? 10_000);
const seed = Number(process.argv[3] ?? Date.now() % 2 ** 31);
const answerLimitMs = 30_000;

async function main(): Promise<void> {
  const corpus = editCorpus();
  let edited = await LspClient.start();
  let reference = await LspClient.start();
  const failures: { kind: string; detail: string; sequence: EditSequence }[] = [];
  let notifications = 0;
  let run = 0;
  const started = Date.now();
  const arbitrary = editSequenceArbitrary(corpus);
  for (let batch = 0; run < count; batch++) {
    const sequences = fc.sample(arbitrary, { numRuns: Math.min(500, count - run), seed: seed + batch });
    for (const sequence of sequences) {
      run++;
      let timer: NodeJS.Timeout | undefined;
      try {
        const outcome = await Promise.race([
          runSequence(edited, reference, corpus, sequence),
          new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('no answer')), answerLimitMs))),
        ]);
        notifications += outcome.notificationsSent;
        try {
          assert.deepStrictEqual(comparable(outcome.incremental), comparable(outcome.fresh));
        } catch {
          failures.push({
            kind: 'diagnostics differ',
            detail: JSON.stringify(outcome.finalText).slice(0, 500),
            sequence,
          });
        }
      } catch (error) {
        const kind = !edited.alive || !reference.alive ? 'server crashed' : 'no answer';
        failures.push({ kind, detail: String(error).slice(0, 2000), sequence });
        await Promise.all([edited.stop(), reference.stop()]);
        [edited, reference] = await Promise.all([LspClient.start(), LspClient.start()]);
      } finally {
        clearTimeout(timer);
      }
      if (run % 1000 === 0)
        process.stderr.write(
          `${run} sequences, ${failures.length} failures, ${((Date.now() - started) / 1000).toFixed(0)} s\n`,
        );
    }
  }
  await Promise.all([edited.stop(), reference.stop()]);
  const byKind = new Map<string, number>();
  for (const failure of failures) byKind.set(failure.kind, (byKind.get(failure.kind) ?? 0) + 1);
  console.log(`seed ${seed}`);
  console.log(
    `${run} sequences, ${notifications} didChange notifications, ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  console.log(`failures: ${failures.length}${[...byKind].map(([kind, n]) => `, ${kind}: ${n}`).join('')}`);
  if (failures.length) {
    fs.mkdirSync('.test-output', { recursive: true });
    fs.writeFileSync('.test-output/fuzz-failures.json', JSON.stringify(failures.slice(0, 50), null, 2));
    console.log('the first failing sequences are in .test-output/fuzz-failures.json');
    process.exitCode = 1;
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 2;
});
