import * as assert from 'assert';
import * as vscode from 'vscode';
import {
  applyAction,
  codeActionsAt,
  contributes,
  extension,
  fixtureUri,
  openFixture,
  revertAll,
  waitFor,
  waitForDiagnostic,
} from './helpers';

const VIEW = 'pythonSecurityGuide.checklist';
const EXPORT = 'pythonSecurityGuide.checklist.exportReport';

const hasChecklist = (): boolean =>
  Object.values((contributes().views as Record<string, { id: string }[]> | undefined) ?? {})
    .flat()
    .some((view) => view.id === VIEW) &&
  ((contributes().commands as { command: string }[] | undefined) ?? []).some((command) => command.command === EXPORT);

/** The checklist as the extension exports it (the same statuses the tree view shows), once the workspace scan is complete. */
async function exportedChecklist(describe: string, accept: (report: string) => boolean): Promise<string> {
  let last = '';
  try {
    return await waitFor(
      describe,
      async () => {
        await vscode.commands.executeCommand(EXPORT);
        const editor = vscode.window.activeTextEditor;
        assert.ok(
          editor && editor.document.languageId === 'markdown',
          'exporting the checklist opened no Markdown document',
        );
        last = editor.document.getText();
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
        return !last.includes('automatic statuses may be incomplete') && accept(last) ? last : undefined;
      },
      30_000,
    );
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\nlast report:\n${last}`);
  }
}

function row(report: string, title: string): string {
  const line = report.split('\n').find((candidate) => candidate.startsWith('|') && candidate.includes(`| ${title} |`));
  assert.ok(line, `the checklist has no row "${title}":\n${report}`);
  return line;
}

describe('security checklist', function () {
  // Whether this block has tests depends on package.json: without the checklist view, there is nothing to check.
  if (!hasChecklist()) return;

  const users = 'app/users.py';
  let original: Uint8Array | undefined;

  before(async () => {
    await openFixture(users);
    await waitFor('the extension to activate', () => extension().isActive);
    await extension().activate();
    original = await vscode.workspace.fs.readFile(fixtureUri(users));
  });
  after(async () => {
    await revertAll();
    if (original) await vscode.workspace.fs.writeFile(fixtureUri(users), original);
  });

  it('the view opens from the activity bar', async () => {
    await vscode.commands.executeCommand(`${VIEW}.focus`);
  });

  it("shows each headline rule's item failing with its count, and the manual items unchecked", async () => {
    const report = await exportedChecklist('a complete checklist with the SQL item failing', (text) =>
      /SQL queries use parameterization \| \d+ findings? \|/.test(text),
    );
    for (const [title, ruleId, file, line] of [
      ['SQL queries use parameterization', 'PSG101', 'app/users.py', 7],
      ['Logs do not contain sensitive data', 'PSG201', 'app/login.py', 7],
      ['All user input is validated', 'PSG401', 'app/files.py', 7],
    ] as const) {
      const cells = row(report, title);
      assert.match(cells, /^\| ❌ \|/, `"${title}" is not failing: ${cells}`);
      assert.match(cells, /\| [1-9]\d* findings? \|/, `"${title}" shows no count: ${cells}`);
      assert.ok(cells.includes(ruleId), `"${title}" does not name ${ruleId}: ${cells}`);
      assert.ok(
        new RegExp(`\`${file.replace('.', '\\.')}:${line}:\\d+\` ${ruleId}: `).test(report),
        `the findings of "${title}" do not list ${file}:${line} ${ruleId}`,
      );
    }
    assert.match(row(report, 'Code is reviewed with security in mind'), /^\| ⬜ \| .* \| not checked yet \|/);
  });

  it('fixing the SQL finding and saving turns its item to passed', async () => {
    const editor = await openFixture(users);
    const diagnostic = await waitForDiagnostic(editor.document.uri, 'PSG101');
    const fix = (await codeActionsAt(editor.document.uri, diagnostic.range)).find(
      (action) => action.title === 'Parameterize query',
    );
    assert.ok(fix, 'no "Parameterize query" fix');
    await applyAction(fix);
    assert.ok(await editor.document.save(), 'saving the fixed file failed');
    const report = await exportedChecklist('the SQL item to pass after the fix', (text) =>
      /\| ✅ \| SQL queries use parameterization \| passed \|/.test(text),
    );
    assert.match(
      row(report, 'Logs do not contain sensitive data'),
      /^\| ❌ \|/,
      'fixing the SQL finding changed an unrelated item',
    );
  });
});
