import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { appFiles, exampleFiles, namedCaseSnippets } from './corpus';
import { emptyCounts, finishSweep, ruleTable, SweepCounts, sweepText } from './fixSweep';
import { settingsWith, testEngine } from '../support/engine';
import { CPython, findCPython } from '../support/cpython';
import type { RuleCases } from '../rules/types';

/**
 * CPython is the oracle for "the fix output is Python": tree-sitter recovers from code CPython
 * rejects. Without python3 the CPython checks fail in CI (where `CI` is set) and skip locally.
 */
function requireCPython(context: Mocha.Context): CPython {
  const found = findCPython();
  if (found.python) return found.python;
  if (process.env.CI) assert.fail(`${found.reason}; CI must provide python3 (3.8+) for the fix checks`);
  context.skip();
}

async function sweepCorpus(cpython?: CPython): Promise<SweepCounts> {
  const { parser, engine } = await testEngine();
  const counts = emptyCounts(cpython);
  for (const { name, code } of namedCaseSnippets()) sweepText(parser, engine, settingsWith(), name, code, counts);
  // Cases that carry settings (a configured paramstyle, say) are swept with them too.
  const dir = path.join(__dirname, '..', 'rules', 'cases');
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const suite = (require(path.join(dir, file)) as { cases: RuleCases }).cases;
    for (const c of suite.invalid)
      if (c.settings)
        sweepText(
          parser,
          engine,
          settingsWith(c.settings),
          `${suite.ruleId} ${c.name ?? ''} (with its settings)`,
          c.code,
          counts,
        );
  }
  for (const file of [...exampleFiles(), ...appFiles()])
    sweepText(
      parser,
      engine,
      settingsWith(),
      path.relative(path.join(__dirname, '..', '..'), file),
      fs.readFileSync(file, 'utf8'),
      counts,
    );
  return finishSweep(counts);
}

function describeFailures(counts: SweepCounts): string {
  return counts.failures
    .map((f) => `${f.ruleId} ${f.source}: ${f.reason}${f.snippet ? `\n${f.snippet}` : ''}`)
    .join('\n');
}

describe('fix sweep over the rule cases, examples and application fixtures', function () {
  this.timeout(600_000);

  it('the application fixtures are there and have fixes to check', async () => {
    const files = appFiles();
    assert.ok(files.length >= 8, `test/fixtures/apps has ${files.length} files`);
    const { parser, engine } = await testEngine();
    const counts = emptyCounts();
    for (const file of files) sweepText(parser, engine, settingsWith(), file, fs.readFileSync(file, 'utf8'), counts);
    assert.ok(counts.fixesOffered >= 20, `only ${counts.fixesOffered} fixes offered over the application fixtures`);
  });

  // One sweep for both checks: with CPython when there is one, so the corpus is analysed once.
  let swept: Promise<SweepCounts> | undefined;
  const sweep = () => (swept ??= sweepCorpus(findCPython().python));

  it('every offered fix parses, removes its finding and adds none (tree-sitter checks)', async () => {
    const counts = await sweep();
    assert.ok(counts.fixesOffered > 0, 'no fix was offered: the sweep checked nothing');
    const failures = counts.failures.filter((f) => f.kind !== 'cpython');
    assert.deepStrictEqual(failures, [], describeFailures({ ...counts, failures }));
  });

  it('CPython compiles every fix output whose original it compiles', async function () {
    const cpython = requireCPython(this);
    const counts = await sweep();
    assert.ok(counts.cpython && counts.compiled > 0, 'no fix output reached CPython: the check checked nothing');
    assert.strictEqual(counts.fixesPassed, counts.fixesOffered, describeFailures(counts));
    const compileFailures = counts.failures.filter((f) => f.kind === 'cpython');
    assert.strictEqual(
      compileFailures.length,
      0,
      `${compileFailures.length} fix outputs do not compile with ${cpython.description}:\n${describeFailures({ ...counts, failures: compileFailures })}\n\n${ruleTable(counts)}`,
    );
  });
});

describe('the CPython compile check', () => {
  it('rejects what tree-sitter accepts but CPython does not, and accepts valid code', function () {
    const cpython = requireCPython(this);
    const failures = cpython.compile([
      { id: 'starred divisor', source: 'from pathlib import Path\nresolved = (Path(a) / *b).resolve()\n' },
      { id: 'return outside a function', source: 'return 1\n' },
      { id: 'bad indentation', source: 'def f():\nreturn 1\n' },
      { id: 'null byte', source: 'x = 1\0\n' },
      {
        id: 'valid',
        source: 'from pathlib import Path\nresolved = (Path(a) / "b").resolve()\nprint(f"{{x}} {resolved!r}")\n',
      },
    ]);
    assert.deepStrictEqual([...failures.keys()].sort(), [
      'bad indentation',
      'null byte',
      'return outside a function',
      'starred divisor',
    ]);
    assert.strictEqual(failures.get('starred divisor')!.line, 2);
    assert.match(failures.get('return outside a function')!.message, /outside function/);
  });

  it('a sweep reports an output CPython rejects only when CPython accepts the original', async function () {
    const cpython = requireCPython(this);
    const { parser, engine } = await testEngine();
    // A stand-in for a rule whose fix writes `Path(a) / *b`: the engine's fix is replaced by one
    // that produces it, so the sweep's own plumbing (queue, originals, verdicts) is what is tested.
    const broken = {
      ...engine,
      analyze: (...args: Parameters<typeof engine.analyze>) => {
        const result = engine.analyze(...args);
        const joined = 'os.path.join("/srv", request.args["f"])';
        const at = args[1].indexOf(joined);
        const edits = [{ start: at, end: at + joined.length, newText: '(Path("/srv") / *PARTS)' }];
        return {
          ...result,
          findings: result.findings.map((f) => (f.fix && at >= 0 ? { ...f, fix: { ...f.fix, edits } } : f)),
        };
      },
    } as typeof engine;
    const counts = emptyCounts(cpython);
    const code =
      'import os\nfrom flask import request\nPARTS = ("a", "b")\ndef get():\n    return open(os.path.join("/srv", request.args["f"]))\n';
    sweepText(parser, broken, settingsWith(), 'compiles', code, counts);
    sweepText(parser, broken, settingsWith(), 'does not compile', `${code}return 1\n`, counts);
    finishSweep(counts);
    const cpythonFailures = counts.failures.filter((f) => f.kind === 'cpython');
    assert.deepStrictEqual(
      cpythonFailures.map((f) => f.source),
      ['compiles'],
      JSON.stringify(counts.failures),
    );
    assert.match(cpythonFailures[0].snippet!, /Path\("\/srv"\) \/ \*PARTS/);
    assert.deepStrictEqual(counts.originalsNotCompiling, ['does not compile']);
  });
});
