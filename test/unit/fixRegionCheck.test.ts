import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { FixCheckCache, UNCHECKED_FIX } from '../../server/src/engine/engine';
import type { Finding } from '../../server/src/ruleApi/types';
import type { RuleCases } from '../rules/types';
import { applyEdits, settingsWith, testEngine } from '../support/engine';
import { vulnerableSource } from '../support/largeSource';

const casesDir = path.join(__dirname, '..', 'rules', 'cases');

/** Findings of `text` with their fixes not yet checked. */
async function unchecked(text: string, raw?: unknown): Promise<Finding[]> {
  const { parser, engine } = await testEngine();
  const tree = parser.parse(text);
  try {
    return engine.analyze(tree, text, settingsWith(raw), { verifyFixes: false }).findings;
  } finally {
    tree.delete();
  }
}

/** Checks the fixes of `findings` (copies) with `options`; returns the findings and how the checks went. */
async function check(
  text: string,
  findings: readonly Finding[],
  options: Parameters<Awaited<ReturnType<typeof testEngine>>['engine']['fixChecker']>[4],
  raw?: unknown,
) {
  const { parser, engine } = await testEngine();
  const tree = parser.parse(text);
  try {
    const copies = findings.map((finding) => ({
      ...finding,
      ...(finding.fix ? { fix: { ...finding.fix, edits: finding.fix.edits.map((edit) => ({ ...edit })) } } : {}),
    }));
    const checker = engine.fixChecker(tree, text, settingsWith(raw), copies, options);
    for (const finding of copies) checker.check(finding);
    return { findings: copies, counts: checker.counts, spent: checker.spent };
  } finally {
    tree.delete();
  }
}

/** What the whole-file check says of one fix of `text` (undefined: kept). */
async function wholeFileVerdict(
  text: string,
  findings: readonly Finding[],
  finding: Finding,
  raw?: unknown,
): Promise<string | undefined> {
  const { parser, engine } = await testEngine();
  const tree = parser.parse(text);
  try {
    return engine.verifyFix(tree, text, settingsWith(raw), findings, finding);
  } finally {
    tree.delete();
  }
}

describe('fix checks on the region a fix touches', function () {
  this.timeout(300_000);

  it('never keeps a fix of a rule case that the whole-file check withholds', async () => {
    let compared = 0;
    let agreed = 0;
    for (const file of fs
      .readdirSync(casesDir)
      .filter((name) => name.endsWith('.ts'))
      .sort()) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { cases } = require(path.join(casesDir, file)) as { cases: RuleCases };
      for (const testCase of cases.invalid) {
        const findings = await unchecked(testCase.code, testCase.settings);
        if (!findings.some((finding) => finding.fix)) continue;
        const whole = await check(
          testCase.code,
          findings,
          { regionFrom: Infinity, budget: Infinity },
          testCase.settings,
        );
        const region = await check(testCase.code, findings, { regionFrom: 0, budget: Infinity }, testCase.settings);
        region.findings.forEach((finding, i) => {
          if (!findings[i].fix) return;
          compared++;
          if (!!finding.fix === !!whole.findings[i].fix) agreed++;
          assert.ok(
            !finding.fix || whole.findings[i].fix,
            `${cases.ruleId} ${testCase.name ?? testCase.code}: the region check kept a fix the whole file rejects (${whole.findings[i].fixUnavailable})`,
          );
        });
      }
    }
    assert.ok(compared > 50, `${compared} fixes compared`);
    // The region may withhold a fix only for want of context; nearly all agree.
    assert.ok(agreed >= compared * 0.95, `${agreed} of ${compared} verdicts agree`);
  });

  it('checks every fix of a large file by region, and each kept fix passes the whole-file check', async () => {
    const text = vulnerableSource(60_000);
    const findings = await unchecked(text);
    const fixable = findings.filter((finding) => finding.fix).length;
    assert.ok(fixable > 100, `${fixable} fixable findings`);
    const result = await check(text, findings, {});
    assert.strictEqual(result.counts.unchecked, 0);
    assert.strictEqual(result.counts.whole, 0, 'no check fell back to the whole file');
    assert.ok(result.spent < text.length * 8, `${result.spent} characters re-analysed`);
    const kept = result.findings.filter((finding) => finding.fix);
    assert.ok(kept.length > 100, `${kept.length} fixes kept`);
    // Among them fixes that add an import at the top of the file (path containment adds pathlib).
    assert.ok(
      kept.some((finding) =>
        finding.fix!.edits.some((edit) => edit.newText.includes('from pathlib import Path') && edit.start < 300),
      ),
    );
    // A sample of the kept fixes, on the whole file.
    for (let i = 0; i < kept.length; i += Math.ceil(kept.length / 12)) {
      const problem = await wholeFileVerdict(text, findings, kept[i]);
      assert.strictEqual(problem, undefined, `${kept[i].ruleId} at ${kept[i].start}: ${problem}`);
    }
  });

  it('withholds a fix that breaks the syntax, leaves the finding, or adds a finding elsewhere in the region', async () => {
    const text = vulnerableSource(30_000);
    const findings = await unchecked(text);
    const target = findings.find((finding) => finding.ruleId === 'PSG101' && finding.fix)!;
    const callee = text.indexOf('def get_db_3():');
    assert.ok(callee > 0);
    const calleeBody = text.indexOf('return', callee);
    const broken: Finding = {
      ...target,
      fix: { ...target.fix!, edits: [...target.fix!.edits, { start: calleeBody, end: calleeBody, newText: '(' }] },
    };
    const still: Finding = {
      ...target,
      fix: { ...target.fix!, edits: [{ start: target.start, end: target.start, newText: '' }] },
    };
    // The fix also turns on Flask's debugger in a function the fixed one calls.
    const newFinding: Finding = {
      ...target,
      fix: {
        ...target.fix!,
        edits: [...target.fix!.edits, { start: calleeBody, end: calleeBody, newText: 'app.run(debug=True)\n    ' }],
      },
    };
    const result = await check(text, [broken, still, newFinding], { budget: Infinity });
    assert.match(result.findings[0].fixUnavailable ?? '', /does not parse/);
    assert.match(result.findings[1].fixUnavailable ?? '', /still there/);
    assert.match(result.findings[2].fixUnavailable ?? '', /new PSG601 finding/);
  });

  it('stops at the budget: the fixes past it are withheld and say why', async () => {
    const text = vulnerableSource(40_000);
    const findings = await unchecked(text);
    const result = await check(text, findings, { budget: 20_000 });
    const withheld = result.findings.filter((finding) => finding.fixUnavailable === UNCHECKED_FIX);
    assert.ok(withheld.length > 0);
    assert.ok(
      result.findings.some((finding) => finding.fix),
      'the fixes within the budget are kept',
    );
    assert.ok(result.spent <= 20_000);
  });

  it('reuses verdicts across versions: after an edit only the changed region is checked again', async () => {
    const text = vulnerableSource(40_000);
    const cache = new FixCheckCache();
    const first = await check(text, await unchecked(text), { cache });
    assert.strictEqual(first.counts.cached, 0);
    // An edit inside one function.
    const at = text.indexOf('def find_user_5():');
    const edited = applyEdits(text, [{ start: at, end: at, newText: '# moved\n' }]);
    const second = await check(edited, await unchecked(edited), { cache });
    assert.ok(
      second.counts.cached > first.counts.region * 0.8,
      `${second.counts.cached} of ${first.counts.region} reused`,
    );
    assert.ok(second.counts.region > 0 && second.counts.region < 12, `${second.counts.region} checked again`);
    assert.deepStrictEqual(
      second.findings.map((finding) => !!finding.fix),
      (await check(edited, await unchecked(edited), {})).findings.map((finding) => !!finding.fix),
    );
  });
});
