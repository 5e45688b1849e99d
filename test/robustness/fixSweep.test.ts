import * as assert from 'assert';
import * as fs from 'fs';
import { caseSnippets, exampleFiles } from './corpus';
import { emptyCounts, sweepText } from './fixSweep';
import { settingsWith, testEngine } from '../support/engine';
import type { RuleCases } from '../rules/types';
import * as path from 'path';

describe('fix sweep over the rule cases and examples', function () {
  this.timeout(600_000);

  it('every offered fix parses, removes its finding and adds none', async () => {
    const { parser, engine } = await testEngine();
    const counts = emptyCounts();
    caseSnippets().forEach((code, i) => sweepText(parser, engine, settingsWith(), `case snippet #${i + 1}`, code, counts));
    // Cases that carry settings (a configured paramstyle, say) are swept with them too.
    const dir = path.join(__dirname, '..', 'rules', 'cases');
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const suite = require(path.join(dir, file)).cases as RuleCases;
      for (const c of suite.invalid) if (c.settings) sweepText(parser, engine, settingsWith(c.settings), `${suite.ruleId} ${c.name ?? ''}`, c.code, counts);
    }
    for (const file of exampleFiles()) sweepText(parser, engine, settingsWith(), file, fs.readFileSync(file, 'utf8'), counts);
    assert.ok(counts.fixesOffered > 0, 'no fix was offered: the sweep checked nothing');
    assert.deepStrictEqual(counts.failures, []);
    assert.strictEqual(counts.fixesPassed, counts.fixesOffered);
  });
});
