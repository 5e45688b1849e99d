import * as assert from 'assert';
import { DocumentResults } from '../../server/src/lsp/documentResults';
import type { HoverFinding } from '../../server/src/lsp/hover';

const finding = (uri: string, ruleId: string, line: number): HoverFinding => ({
  uri,
  ruleId,
  severity: 'warning',
  message: ruleId,
  range: { start: { line, character: 0 }, end: { line, character: 10 } },
});

describe('the results of the open documents and notebooks', () => {
  it("answers hover on a notebook's cell from the notebook's last result; a new result drops the cells it no longer names", () => {
    const results = new DocumentResults();
    const notebook = 'file:///w/n.ipynb';
    const [first, second] = ['vscode-notebook-cell:/w/n.ipynb#a', 'vscode-notebook-cell:/w/n.ipynb#b'];
    results.analyzed(notebook, [finding(first, 'PSG101', 1), finding(second, 'PSG102', 2)], []);
    assert.deepStrictEqual(
      results.findingsAt(first, 1, 5).map((f) => f.ruleId),
      ['PSG101'],
    );
    assert.deepStrictEqual(
      results.findingsAt(second, 2, 0).map((f) => f.ruleId),
      ['PSG102'],
    );
    assert.deepStrictEqual(results.findingsAt(second, 1, 5), [], 'outside the finding');
    results.analyzed(notebook, [finding(second, 'PSG103', 2)], []);
    assert.deepStrictEqual(results.findingsAt(first, 1, 5), [], 'the first cell has no finding any more');
    assert.deepStrictEqual(
      results.findingsAt(second, 2, 0).map((f) => f.ruleId),
      ['PSG103'],
    );
    results.closed(notebook);
    assert.deepStrictEqual(results.findingsAt(second, 2, 0), []);
  });

  it('tells its observer of every result and close, and keeps documents apart', () => {
    const results = new DocumentResults();
    const heard: string[] = [];
    results.observe({
      documentAnalyzed: (uri, findings, modules) =>
        heard.push(`${uri}: ${findings.map((f) => f.ruleId).join(',')} [${modules.join(',')}]`),
      documentClosed: (uri) => heard.push(`closed ${uri}`),
    });
    results.analyzed('file:///w/a.py', [finding('file:///w/a.py', 'PSG101', 0)], ['sqlite3']);
    results.analyzed('file:///w/b.py', [], []);
    results.closed('file:///w/b.py');
    assert.deepStrictEqual(
      results.findingsAt('file:///w/a.py', 0, 3).map((f) => f.ruleId),
      ['PSG101'],
      'closing b.py leaves a.py',
    );
    assert.deepStrictEqual(heard, ['file:///w/a.py: PSG101 [sqlite3]', 'file:///w/b.py:  []', 'closed file:///w/b.py']);
  });
});
