// Applies every offered fix, one at a time, over a corpus and checks each result parses with no new
// syntax errors, no longer has the finding and has no new finding. Default corpus: this machine's
// CPython standard library (from `python3`, without site-packages), test/rules/cases and examples/.
// Usage: npm run fix-sweep -- [folder...]
import { execFileSync } from 'child_process';
import * as path from 'path';
import { defaultSettings } from '../server/src/config/settings';
import { findPythonFiles, readSource } from '../server/src/workspace/files';
import { testEngine } from '../test/support/engine';
import { caseSnippets, exampleFiles } from '../test/robustness/corpus';
import { emptyCounts, sweepText } from '../test/robustness/fixSweep';

function stdlib(): string | undefined {
  try {
    return execFileSync('python3', ['-c', 'import sysconfig; print(sysconfig.get_paths()["stdlib"])'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  const { parser, engine } = await testEngine();
  const counts = emptyCounts();
  const started = Date.now();
  const folders = process.argv.slice(2);
  const roots = folders.length ? folders.map((f) => path.resolve(f)) : [stdlib()].filter((f): f is string => !!f);
  let skipped = 0;
  for (const root of roots) {
    // The product's own walk: skips site-packages, virtual environments, caches and link loops.
    for (const file of findPythonFiles([root], [], root).files) {
      const source = readSource(file);
      if ('skipped' in source) {
        skipped++;
        continue;
      }
      sweepText(parser, engine, defaultSettings, file, source.text, counts);
      if (counts.sources % 200 === 0) process.stderr.write(`${counts.sources} files, ${counts.fixesOffered} fixes checked, ${counts.failures.length} failed, ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
    }
  }
  if (!folders.length) {
    caseSnippets().forEach((code, i) => sweepText(parser, engine, defaultSettings, `case snippet #${i + 1}`, code, counts));
    for (const file of exampleFiles()) {
      const source = readSource(file);
      if (!('skipped' in source)) sweepText(parser, engine, defaultSettings, file, source.text, counts);
    }
  }
  const rate = counts.fixesOffered ? ((100 * counts.fixesPassed) / counts.fixesOffered).toFixed(1) : '100.0';
  console.log(`corpus: ${roots.join(', ') || '(none)'}${folders.length ? '' : ' + test/rules/cases + examples/'}`);
  console.log(`${counts.sources} sources (${skipped} files skipped), ${counts.findings} findings, ${counts.fixesOffered} fixes offered, ${counts.fixesPassed} passed (${rate} %), ${counts.failures.length} failed, ${((Date.now() - started) / 1000).toFixed(1)} s`);
  for (const failure of counts.failures.slice(0, 30)) console.log(`FAIL ${failure.ruleId} ${failure.source}: ${failure.reason}`);
  if (counts.failures.length) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 2;
});
