import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { FileChangeType, NotebookCellKind } from 'vscode-languageserver-protocol/node';
import { WorkspaceSummary, WorkspaceSummaryNotification } from '../../server/src/shared/workspaceSummary';
import { checklistStatus } from '../../server/src/shared/checklist/status';
import { checklist } from '../../server/src/shared/checklistItems';
import { LspTestClient } from '../support/lspClient';

const SUMMARY = WorkspaceSummaryNotification.method;

/** An nbformat 4 notebook with these cells (a string: code; `{ markdown }`: a Markdown cell). */
function notebook(cells: (string | { markdown: string })[]): string {
  return JSON.stringify(
    {
      cells: cells.map((cell) =>
        typeof cell === 'string'
          ? {
              cell_type: 'code',
              execution_count: null,
              metadata: {},
              outputs: [],
              source: cell.split(/(?<=\n)/),
            }
          : { cell_type: 'markdown', metadata: {}, source: cell.markdown.split(/(?<=\n)/) },
      ),
      metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' } },
      nbformat: 4,
      nbformat_minor: 5,
    },
    null,
    1,
  );
}

const connectCell = 'import sqlite3\nconn = sqlite3.connect("app.db")\n';
const queryCell = 'name = input()\nrows = conn.execute(f"SELECT * FROM users WHERE name = \'{name}\'").fetchall()\n';
const safeQueryCell = 'name = input()\nrows = conn.execute("SELECT * FROM users WHERE name = ?", (name,)).fetchall()\n';

describe('notebooks in the workspace scan and the checklist (language server over stdio)', function () {
  this.timeout(60000);
  let root: string;
  let server: LspTestClient;
  const uri = (relative: string) => pathToFileURL(path.join(root, relative)).toString();

  before(async () => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'psg-notebook-workspace-')));
    fs.writeFileSync(path.join(root, 'analysis.ipynb'), notebook([{ markdown: '# Users\n' }, connectCell, queryCell]));
    fs.writeFileSync(path.join(root, 'clean.py'), 'print("hello")\n');
    fs.mkdirSync(path.join(root, '.ipynb_checkpoints'));
    fs.writeFileSync(
      path.join(root, '.ipynb_checkpoints', 'analysis-checkpoint.ipynb'),
      notebook([connectCell, queryCell]),
    );
    fs.writeFileSync(path.join(root, 'broken.ipynb'), '{"cells": [');
    server = await LspTestClient.start({ rootUri: pathToFileURL(root).toString(), record: [SUMMARY] });
  });
  after(async () => {
    await server.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const summaryAfter = (from: number, accept: (summary: WorkspaceSummary) => boolean) => () =>
    server.notificationsOf<WorkspaceSummary>(SUMMARY, from).find((s) => s.state === 'complete' && accept(s));

  it('counts a notebook like a Python file: its findings by cell, its imports, the checklist item failing', async () => {
    const summary = await server.waitFor(
      'a complete summary',
      summaryAfter(0, () => true),
    );
    // analysis.ipynb, broken.ipynb (read, nothing analysed) and clean.py; the checkpoint copy is skipped.
    assert.strictEqual(summary.pythonFiles, 3);
    assert.deepStrictEqual(summary.counts, { PSG101: 1 });
    assert.ok(summary.modules.includes('sqlite3'), summary.modules.join());
    const [finding] = summary.findings;
    assert.strictEqual(finding.uri, uri('analysis.ipynb'));
    assert.strictEqual(finding.cell, 3, 'the third cell, counting the Markdown cell');
    assert.deepStrictEqual(finding.range.start, { line: 1, character: 20 });
    // The SQL item of the checklist fails with the notebook's finding.
    const sql = checklistStatus(checklist, summary, new Set()).find((state) =>
      state.rules.some((rule) => rule.id === 'PSG101'),
    )!;
    assert.strictEqual(sql.status.kind, 'failing');
    // A closed notebook's findings are not published (the editor places them on the cells when it is opened).
    assert.deepStrictEqual(server.publishedUris(), []);
  });

  it('follows the notebook on disk', async () => {
    const mark = server.notifications.length;
    fs.writeFileSync(
      path.join(root, 'analysis.ipynb'),
      notebook([{ markdown: '# Users\n' }, connectCell, safeQueryCell]),
    );
    await server.filesChanged([{ uri: uri('analysis.ipynb'), type: FileChangeType.Changed }]);
    await server.waitFor('a summary without the finding', () =>
      server.notificationsOf<WorkspaceSummary>(SUMMARY, mark).find((s) => !s.counts.PSG101),
    );
  });

  it('an open notebook counts with its cells as edited; closed, it is read from disk again', async () => {
    const notebookUri = uri('analysis.ipynb');
    const cellUri = (id: string) => `vscode-notebook-cell:${path.join(root, 'analysis.ipynb')}#${id}`;
    const mark = server.notifications.length;
    // As the editor syncs it: the Python cells only, with the unsaved vulnerable query.
    await server.connection.sendNotification('notebookDocument/didOpen', {
      notebookDocument: {
        uri: notebookUri,
        notebookType: 'jupyter-notebook',
        version: 1,
        cells: ['a', 'b'].map((id) => ({ kind: NotebookCellKind.Code, document: cellUri(id) })),
      },
      cellTextDocuments: [
        { uri: cellUri('a'), languageId: 'python', version: 1, text: connectCell },
        { uri: cellUri('b'), languageId: 'python', version: 1, text: queryCell },
      ],
    });
    const open = await server.waitFor('a summary with the open notebook', () =>
      server.notificationsOf<WorkspaceSummary>(SUMMARY, mark).find((s) => s.counts.PSG101 === 1),
    );
    const [finding] = open.findings;
    assert.strictEqual(finding.uri, cellUri('b'), 'on the cell of the open notebook');
    assert.strictEqual(finding.cell, undefined);
    assert.strictEqual(open.pythonFiles, 3, 'still one file');

    // A disk change of an open notebook is not read: the editor's cells win.
    const changed = server.notifications.length;
    await server.filesChanged([{ uri: notebookUri, type: FileChangeType.Changed }]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.ok(
      server.notificationsOf<WorkspaceSummary>(SUMMARY, changed).every((s) => s.counts.PSG101 === 1),
      'the open notebook keeps its finding',
    );

    const closing = server.notifications.length;
    await server.connection.sendNotification('notebookDocument/didClose', {
      notebookDocument: { uri: notebookUri },
      cellTextDocuments: [{ uri: cellUri('a') }, { uri: cellUri('b') }],
    });
    const closed = await server.waitFor('a summary from disk again', () =>
      server.notificationsOf<WorkspaceSummary>(SUMMARY, closing).find((s) => !s.counts.PSG101 && s.pythonFiles === 3),
    );
    assert.deepStrictEqual(closed.counts, {});
  });
});
