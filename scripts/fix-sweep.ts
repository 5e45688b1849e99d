// Applies every offered fix, one at a time, over a corpus and checks each result: it parses with
// no new syntax errors (tree-sitter), no longer has the finding, has no new finding, and CPython
// compiles it (`compile(source, name, 'exec')`, in batches through test/support/cpython_compile.py)
// whenever CPython compiles the original. Default corpus: this machine's CPython standard library
// (from `python3`, without site-packages and without its test folders), test/rules/cases,
// examples/ and test/fixtures/apps/.
// Usage: npm run fix-sweep -- [--no-cpython] [folder...]
import { execFileSync } from 'child_process';
import * as path from 'path';
import { defaultSettings } from '../server/src/config/settings';
import { findPythonFiles, readSource } from '../server/src/workspace/files';
import { testEngine } from '../test/support/engine';
import { findCPython } from '../test/support/cpython';
import { appFiles, exampleFiles, namedCaseSnippets, repositoryRoot } from '../test/robustness/corpus';
import { emptyCounts, finishSweep, ruleTable, sweepText } from '../test/robustness/fixSweep';

function stdlib(): string | undefined {
  try {
    return execFileSync('python3', ['-c', 'import sysconfig; print(sysconfig.get_paths()["stdlib"])'], {
      encoding: 'utf8',
    }).trim();
  } catch {
    return undefined;
  }
}

/** The standard library's own tests: `test/`, `tests/`, `idlelib/idle_test/`, `lib2to3/tests/` and the like. */
function isStdlibTest(root: string, file: string): boolean {
  return path
    .relative(root, path.dirname(file))
    .split(path.sep)
    .some((segment) => segment === 'test' || segment === 'tests' || segment === 'idle_test');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const useCPython = !args.includes('--no-cpython');
  const folders = args.filter((a) => !a.startsWith('--'));
  const found = useCPython ? findCPython() : undefined;
  if (found && !found.python)
    process.stderr.write(`warning: ${found.reason}; fix outputs are checked with tree-sitter only\n`);
  const { parser, engine } = await testEngine();
  const counts = emptyCounts(found?.python);
  const started = Date.now();
  const stdlibRoot = folders.length ? undefined : stdlib();
  const roots = folders.length ? folders.map((f) => path.resolve(f)) : [stdlibRoot].filter((f): f is string => !!f);
  let skipped = 0;
  let testsSkipped = 0;
  for (const root of roots) {
    // The product's own walk: skips site-packages, virtual environments, caches and link loops.
    for (const file of findPythonFiles([root], [], root).files) {
      if (root === stdlibRoot && isStdlibTest(root, file)) {
        testsSkipped++;
        continue;
      }
      const source = readSource(file);
      if ('skipped' in source) {
        skipped++;
        continue;
      }
      sweepText(
        parser,
        engine,
        defaultSettings,
        root === stdlibRoot ? path.join('<stdlib>', path.relative(root, file)) : file,
        source.text,
        counts,
      );
      if (counts.sources % 200 === 0)
        process.stderr.write(
          `${counts.sources} files, ${counts.fixesOffered} fixes checked, ${counts.failures.length} failed, ${((Date.now() - started) / 1000).toFixed(0)} s\n`,
        );
    }
  }
  if (!folders.length) {
    for (const { name, code } of namedCaseSnippets())
      sweepText(parser, engine, defaultSettings, `case ${name}`, code, counts);
    for (const file of [...exampleFiles(), ...appFiles()]) {
      const source = readSource(file);
      if (!('skipped' in source))
        sweepText(parser, engine, defaultSettings, path.relative(repositoryRoot, file), source.text, counts);
    }
  }
  finishSweep(counts);
  const rate = counts.fixesOffered ? ((100 * counts.fixesPassed) / counts.fixesOffered).toFixed(1) : '100.0';
  const compileFailures = counts.failures.filter((f) => f.kind === 'cpython');
  console.log(
    `corpus: ${roots.join(', ') || '(none)'}${stdlibRoot ? ` (${testsSkipped} test files left out)` : ''}${folders.length ? '' : ' + test/rules/cases + examples/ + test/fixtures/apps/'}`,
  );
  console.log(
    `CPython: ${counts.cpython ? `${counts.cpython.description}, ${counts.compiled} fix outputs compiled, ${counts.originalsNotCompiling.length} sources whose original does not compile (their fixes not judged)` : 'not used'}`,
  );
  console.log(
    `${counts.sources} sources (${skipped} files skipped), ${counts.findings} findings, ${counts.fixesOffered} fixes offered, ${counts.fixesPassed} passed (${rate} %), ${counts.failures.length} failed (${compileFailures.length} of them by CPython), ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  console.log('');
  console.log(ruleTable(counts));
  console.log('');
  for (const failure of counts.failures.slice(0, 50))
    console.log(
      `FAIL ${failure.ruleId} ${failure.source}: ${failure.reason}${failure.snippet ? `\n${failure.snippet}` : ''}`,
    );
  if (counts.failures.length > 50) console.log(`... and ${counts.failures.length - 50} more`);
  for (const source of counts.originalsNotCompiling.slice(0, 20))
    console.log(`NOT JUDGED (the original does not compile): ${source}`);
  if (counts.failures.length) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 2;
});
