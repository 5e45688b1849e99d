import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { allRules, rulesById } from '../../server/src/rules';
import { analyze, applyEdits, settingsWith } from '../support/engine';
import type { RuleCases } from '../rules/types';
import type { Finding, FixDoc } from '../../server/src/ruleApi/types';

/** The documented fix a fix is an instance of: its title matches (placeholders stand for code), its applicability is the same. */
function documentedFix(docs: readonly FixDoc[] | undefined, fix: NonNullable<Finding['fix']>): FixDoc | undefined {
  return docs?.find((doc) => {
    const pattern = doc.title
      .split(/<[^>]+>/)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.+?');
    return new RegExp(`^${pattern}( \\(.+\\))?$`).test(fix.title) && doc.applicability === fix.applicability;
  });
}

const casesDir = path.join(__dirname, '..', 'rules', 'cases');
const caseFiles = fs
  .readdirSync(casesDir)
  .filter((file) => file.endsWith('.ts'))
  .sort();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const suites: RuleCases[] = caseFiles.map((file) => (require(path.join(casesDir, file)) as { cases: RuleCases }).cases);

describe('rule cases', () => {
  it('every rule has its case file with at least 8 valid and 8 invalid cases', () => {
    for (const rule of allRules) {
      const suite = suites.find((s) => s.ruleId === rule.meta.id);
      assert.ok(suite, `${rule.meta.id} has no test/rules/cases file`);
      assert.ok(suite.valid.length >= 8, `${rule.meta.id}: ${suite.valid.length} valid cases`);
      assert.ok(suite.invalid.length >= 8, `${rule.meta.id}: ${suite.invalid.length} invalid cases`);
      if (rule.meta.fixable)
        assert.ok(
          suite.invalid.some((c) => typeof c.output === 'string'),
          `${rule.meta.id} is fixable but no case checks a fix output`,
        );
    }
  });

  it('a rule documents its fixes (with their applicability) exactly when it is fixable', () => {
    for (const rule of allRules) {
      assert.strictEqual(
        !!rule.meta.fixes?.length,
        rule.meta.fixable,
        `${rule.meta.id}: fixable is ${rule.meta.fixable}, fixes documented: ${rule.meta.fixes?.length ?? 0}`,
      );
    }
  });

  it('the documented-fix matcher can say no', () => {
    const docs: FixDoc[] = [{ title: 'Use a <bits>-bit key', applicability: 'unsafe', why: 'x' }];
    assert.ok(
      documentedFix(docs, { title: 'Use a 2048-bit key (generates a larger key)', edits: [], applicability: 'unsafe' }),
    );
    assert.ok(
      !documentedFix(docs, { title: 'Use a 2048-bit key (generates a larger key)', edits: [], applicability: 'safe' }),
    );
    assert.ok(!documentedFix(docs, { title: 'Use SHA-256', edits: [], applicability: 'unsafe' }));
  });

  for (const suite of suites) {
    describe(suite.ruleId, () => {
      assert.ok(rulesById.has(suite.ruleId), `unknown rule ${suite.ruleId}`);
      suite.valid.forEach((entry, i) => {
        const c = typeof entry === 'string' ? { code: entry } : entry;
        it(`valid #${i + 1}${c.name ? `: ${c.name}` : ''}`, async () => {
          const { findings } = await analyze(c.code, settingsWith(c.settings));
          const own = findings.filter((f) => f.ruleId === suite.ruleId);
          assert.deepStrictEqual(
            own.map((f) => c.code.slice(f.start, f.end)),
            [],
            `unexpected ${suite.ruleId} finding in:\n${c.code}`,
          );
        });
      });
      suite.invalid.forEach((c, i) => {
        it(`invalid #${i + 1}${c.name ? `: ${c.name}` : ''}`, async () => {
          const settings = settingsWith(c.settings);
          const before = await analyze(c.code, settings);
          const own = before.findings.filter((f) => f.ruleId === suite.ruleId);
          assert.deepStrictEqual(
            own.map((f) => c.code.slice(f.start, f.end)),
            c.findings.map((f) => f.text),
            `findings in:\n${c.code}`,
          );
          c.findings.forEach((expected, j) => {
            if (expected.message) {
              const matches =
                typeof expected.message === 'string'
                  ? own[j].message.includes(expected.message)
                  : expected.message.test(own[j].message);
              assert.ok(matches, `message "${own[j].message}" does not match ${expected.message}`);
            }
            if (expected.confidence)
              assert.strictEqual(own[j].confidence, expected.confidence, `confidence of ${expected.text}`);
          });
          for (const finding of own) {
            if (finding.fix)
              assert.ok(
                documentedFix(rulesById.get(suite.ruleId)!.meta.fixes, finding.fix),
                `fix "${finding.fix.title}" (${finding.fix.applicability}) is not among ${suite.ruleId}'s documented fixes`,
              );
          }
          if (c.applicability)
            assert.strictEqual(own[0].fix?.applicability, c.applicability, 'applicability of the fix at this site');
          if (c.output === null) {
            assert.strictEqual(own[0].fix, undefined, 'no fix may be offered');
            if (c.noFixBecause) {
              const reason = own[0].fixUnavailable ?? '';
              assert.ok(
                typeof c.noFixBecause === 'string' ? reason.includes(c.noFixBecause) : c.noFixBecause.test(reason),
                `reason "${reason}"`,
              );
            }
          }
          if (typeof c.output === 'string') {
            assert.ok(own[0].fix, `expected a fix; none offered (${own[0].fixUnavailable ?? 'no reason'})`);
            const fixed = applyEdits(c.code, own[0].fix.edits);
            assert.strictEqual(fixed, c.output);
            // The fix's output is re-parsed: it parses, the finding is gone and nothing new appears.
            const after = await analyze(fixed, settings);
            assert.ok(after.syntaxErrors <= before.syntaxErrors, 'the fix introduced a syntax error');
            assert.strictEqual(
              after.findings.filter((f) => f.ruleId === suite.ruleId).length,
              own.length - 1,
              'the finding is still there after the fix',
            );
            for (const f of after.findings) {
              const count = (list: typeof after.findings) => list.filter((x) => x.ruleId === f.ruleId).length;
              assert.ok(count(after.findings) <= count(before.findings), `the fix introduced a ${f.ruleId} finding`);
            }
          }
        });
      });
    });
  }
});
