import * as assert from 'assert';
import * as vscode from 'vscode';
import {
  applyAction,
  codeActionsAt,
  extension,
  fixtureUri,
  ourDiagnostics,
  revertAll,
  waitFor,
  waitForDiagnostic,
  waitForNoDiagnostic,
} from './helpers';

const NOTEBOOK = 'notebooks/settings.ipynb';
const EXPORT = 'pythonSecurityGuide.checklist.exportReport';

/** The checklist report once the workspace scan is complete and `accept` holds (the export opens it in an editor). */
async function checklistReport(accept: (report: string) => boolean): Promise<string> {
  let last = '';
  try {
    return await waitFor(
      'the checklist report',
      async () => {
        await vscode.commands.executeCommand(EXPORT);
        last = vscode.window.activeTextEditor?.document.getText() ?? '';
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
        return !last.includes('automatic statuses may be incomplete') && accept(last) ? last : undefined;
      },
      30_000,
    );
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\nlast report:\n${last}`);
  }
}

async function openNotebook(): Promise<vscode.NotebookEditor> {
  const notebook = await vscode.workspace.openNotebookDocument(fixtureUri(NOTEBOOK));
  return vscode.window.showNotebookDocument(notebook);
}

// The notebook's cells: Markdown, `import yaml`, then `yaml.load(handle, Loader=yaml.Loader)`.
describe('a Jupyter notebook (notebooks/settings.ipynb)', () => {
  before(async () => {
    await waitFor('the extension to activate', () => extension().isActive);
    await extension().activate();
  });
  after(async () => {
    // Discard the fix applied to the notebook: the file on disk stays as it was.
    for (const editor of vscode.window.visibleNotebookEditors) {
      if (!editor.notebook.isDirty) continue;
      await vscode.window.showNotebookDocument(editor.notebook);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    await revertAll();
  });

  it('closed, it is in the workspace scan: the checklist lists its finding with its cell', async () => {
    const report = await checklistReport((text) => text.includes('PSG702'));
    assert.ok(
      report.includes('`notebooks/settings.ipynb, cell 3:2:16` PSG702: '),
      `the report does not list the notebook's finding:\n${report}`,
    );
  });

  it('open, the finding is on the cell that loads the YAML, the import being in the cell above', async () => {
    const editor = await openNotebook();
    assert.strictEqual(editor.notebook.cellCount, 3);
    const cell = editor.notebook.cellAt(2);
    assert.strictEqual(cell.document.languageId, 'python');
    const diagnostic = await waitForDiagnostic(cell.document.uri, 'PSG702');
    assert.strictEqual(cell.document.getText(diagnostic.range), 'yaml.load(handle, Loader=yaml.Loader)');
    for (const other of [0, 1])
      assert.deepStrictEqual(ourDiagnostics(editor.notebook.cellAt(other).document.uri), [], `cell ${other + 1}`);
  });

  it('the lightbulb of the cell offers "Use yaml.safe_load"; applying it fixes the cell and the finding goes', async () => {
    const editor = await openNotebook();
    const cell = editor.notebook.cellAt(2);
    const diagnostic = await waitForDiagnostic(cell.document.uri, 'PSG702');
    const actions = await codeActionsAt(cell.document.uri, diagnostic.range);
    const fix = actions.find((action) => action.title.startsWith('Use yaml.safe_load'));
    assert.ok(fix, `offered: ${actions.map((action) => action.title).join(', ')}`);
    assert.ok(
      actions.some((action) => action.title === 'Suppress PSG702 on this line'),
      'the suppression is offered too',
    );
    await applyAction(fix);
    assert.match(cell.document.getText(), /settings = yaml\.safe_load\(handle\)/);
    assert.strictEqual(editor.notebook.cellAt(1).document.getText(), 'import yaml', 'the other cells are unchanged');
    await waitForNoDiagnostic(cell.document.uri, 'PSG702');
  });
});
