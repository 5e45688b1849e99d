import * as assert from 'assert';
import { spawn } from 'child_process';
import {
  CodeAction,
  createProtocolConnection,
  Diagnostic,
  Hover,
  HoverRequest,
  InitializeRequest,
  InitializeResult,
  NotebookCellKind,
  Range,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocumentEdit,
} from 'vscode-languageserver-protocol/node';
import { applyLspEdits, LspTestClient, SERVER } from '../support/lspClient';

const NOTEBOOK = 'file:///tmp/psg-notebook/report.ipynb';
const cellUri = (id: string) => `vscode-notebook-cell:/tmp/psg-notebook/report.ipynb#${id}`;

interface Cell {
  uri: string;
  text: string;
  version: number;
  languageId: string;
}

/**
 * Speaks LSP 3.17 notebook synchronisation to the real server the way vscode-languageclient does
 * with a selector of Python cells: only Python cells are synced, a cell whose language changes
 * away from Python leaves the notebook (its document closed) and comes back when it is Python again.
 */
class NotebookClient {
  readonly cells: Cell[] = [];
  private version = 1;

  constructor(readonly client: LspTestClient) {}

  cell(id: string): Cell {
    return this.cells.find((cell) => cell.uri === cellUri(id))!;
  }

  async open(cells: { id: string; text: string }[]): Promise<void> {
    for (const { id, text } of cells) this.cells.push({ uri: cellUri(id), text, version: 1, languageId: 'python' });
    await this.client.connection.sendNotification('notebookDocument/didOpen', {
      notebookDocument: {
        uri: NOTEBOOK,
        notebookType: 'jupyter-notebook',
        version: this.version,
        cells: this.cells.map((cell) => ({ kind: NotebookCellKind.Code, document: cell.uri })),
      },
      cellTextDocuments: this.cells.map(({ uri, languageId, version, text }) => ({ uri, languageId, version, text })),
    });
  }

  private async change(change: unknown): Promise<void> {
    await this.client.connection.sendNotification('notebookDocument/didChange', {
      notebookDocument: { uri: NOTEBOOK, version: ++this.version },
      change,
    });
  }

  async edit(id: string, range: Range, text: string): Promise<number> {
    const cell = this.cell(id);
    cell.text = applyLspEdits(cell.text, [{ range, newText: text }]);
    cell.version++;
    await this.change({
      cells: { textContent: [{ document: { uri: cell.uri, version: cell.version }, changes: [{ range, text }] }] },
    });
    return cell.version;
  }

  /** Applies a code action's edit of each cell it names (versioned, as an editor checks). */
  async apply(action: CodeAction): Promise<void> {
    const changes = (action.edit?.documentChanges ?? []) as TextDocumentEdit[];
    assert.ok(changes.length > 0, `"${action.title}" carries no versioned edit`);
    for (const change of changes) {
      const cell = this.cells.find((c) => c.uri === change.textDocument.uri);
      assert.ok(cell, `"${action.title}" edits ${change.textDocument.uri}, not a cell of the notebook`);
      assert.strictEqual(change.textDocument.version, cell.version, 'the edit names the version it was computed on');
    }
    for (const change of changes) {
      const cell = this.cells.find((c) => c.uri === change.textDocument.uri)!;
      // Last first, as an editor applies one change after another.
      const sorted = [...change.edits].sort(
        (a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character,
      );
      for (const edit of sorted) await this.edit(cell.uri.split('#')[1], edit.range, edit.newText);
    }
  }

  async add(index: number, id: string, text: string): Promise<void> {
    const cell = { uri: cellUri(id), text, version: 1, languageId: 'python' };
    this.cells.splice(index, 0, cell);
    await this.change({
      cells: {
        structure: {
          array: { start: index, deleteCount: 0, cells: [{ kind: NotebookCellKind.Code, document: cell.uri }] },
          didOpen: [{ uri: cell.uri, languageId: 'python', version: 1, text }],
        },
      },
    });
  }

  async remove(id: string): Promise<void> {
    const index = this.cells.findIndex((cell) => cell.uri === cellUri(id));
    this.cells.splice(index, 1);
    await this.change({
      cells: { structure: { array: { start: index, deleteCount: 1 }, didClose: [{ uri: cellUri(id) }] } },
    });
  }

  /** A move, as the client sends it: the span of cells between the two places replaced, no document opened or closed. */
  async move(id: string, to: number): Promise<void> {
    const from = this.cells.findIndex((cell) => cell.uri === cellUri(id));
    const [cell] = this.cells.splice(from, 1);
    this.cells.splice(to, 0, cell);
    const start = Math.min(from, to);
    const end = Math.max(from, to) + 1;
    await this.change({
      cells: {
        structure: {
          array: {
            start,
            deleteCount: end - start,
            cells: this.cells.slice(start, end).map((c) => ({ kind: NotebookCellKind.Code, document: c.uri })),
          },
          didOpen: [],
          didClose: [],
        },
      },
    });
  }

  /** The cell's language changes: it is no longer Python, so it leaves the synced notebook (its document closed). */
  async becomeMarkdown(id: string): Promise<Cell> {
    const index = this.cells.findIndex((cell) => cell.uri === cellUri(id));
    const [cell] = this.cells.splice(index, 1);
    await this.change({
      cells: { structure: { array: { start: index, deleteCount: 1 }, didClose: [{ uri: cell.uri }] } },
    });
    return cell;
  }

  /** The cell is Python again: it comes back at its place with a new document (same URI). */
  async becomePython(cell: Cell, index: number): Promise<void> {
    cell.version = 1;
    this.cells.splice(index, 0, cell);
    await this.change({
      cells: {
        structure: {
          array: { start: index, deleteCount: 0, cells: [{ kind: NotebookCellKind.Code, document: cell.uri }] },
          didOpen: [{ uri: cell.uri, languageId: 'python', version: 1, text: cell.text }],
        },
      },
    });
  }

  /** Waits until every cell has diagnostics for its current version satisfying `expect` (by cell id). */
  async settled(expect: Record<string, (diagnostics: Diagnostic[]) => boolean>): Promise<Map<string, Diagnostic[]>> {
    const result = new Map<string, Diagnostic[]>();
    await this.client.waitFor(`the notebook's diagnostics (${Object.keys(expect).join(', ')})`, () => {
      for (const cell of this.cells) {
        const id = cell.uri.split('#')[1];
        const published = this.client.lastPublished(cell.uri);
        if (!published || published.version !== cell.version) return false;
        if (expect[id] && !expect[id](published.diagnostics)) return false;
        result.set(id, published.diagnostics);
      }
      return true;
    });
    return result;
  }
}

const codes = (diagnostics: Diagnostic[] | undefined) => (diagnostics ?? []).map((d) => String(d.code)).sort();
const none = (diagnostics: Diagnostic[]) => diagnostics.length === 0;
const has =
  (...ids: string[]) =>
  (diagnostics: Diagnostic[]) =>
    JSON.stringify(codes(diagnostics)) === JSON.stringify([...ids].sort());
const confidence = (diagnostic: Diagnostic) => (diagnostic.data as { confidence: string }).confidence;

const IMPORTS = 'import sqlite3\n\nconn = sqlite3.connect("customers.db")\ncur = conn.cursor()';
const SOURCE = '!pip install requests\nname = input("Customer name: ")';
const QUERY = `rows = cur.execute(f"SELECT * FROM customers WHERE name = '{name}'").fetchall()`;

describe('language server: notebooks (LSP 3.17 notebook synchronisation)', function () {
  this.timeout(120_000);
  let client: LspTestClient;
  let notebook: NotebookClient;

  beforeEach(async () => {
    client = await LspTestClient.start();
    notebook = new NotebookClient(client);
  });
  afterEach(async () => client.stop());

  it('declares notebook synchronisation of Python cells', async () => {
    const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
    const connection = createProtocolConnection(
      new StreamMessageReader(child.stdout),
      new StreamMessageWriter(child.stdin),
    );
    connection.listen();
    try {
      const result: InitializeResult = await connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: null,
        capabilities: {},
      });
      assert.deepStrictEqual(result.capabilities.notebookDocumentSync, {
        notebookSelector: [{ notebook: '*', cells: [{ language: 'python' }] }],
      });
    } finally {
      connection.dispose();
      child.kill();
    }
  });

  it('analyses the cells as one program: the input() of one cell reaches the SQL of another, published on its cell', async () => {
    await notebook.open([
      { id: 'a', text: `%matplotlib inline\n${IMPORTS}` },
      { id: 'b', text: SOURCE },
      { id: 'c', text: QUERY },
    ]);
    const published = await notebook.settled({ a: none, b: none, c: has('PSG101') });
    const [finding] = published.get('c')!;
    assert.strictEqual(confidence(finding), 'medium', 'the source in cell b is seen');
    assert.deepStrictEqual(finding.range.start, { line: 0, character: 19 });
    // The flow names the cell of each step.
    assert.deepStrictEqual(
      finding.relatedInformation?.map((info) => info.location.uri.split('#')[1]),
      ['b', 'b', 'c'],
    );
    // The hover on the cell explains the finding.
    const hover: Hover | null = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: cellUri('c') },
      position: { line: 0, character: 25 },
    });
    assert.match(JSON.stringify(hover?.contents), /PSG101/);
  });

  it('follows edits of a cell, added, moved and deleted cells, and empties what leaves', async () => {
    await notebook.open([
      { id: 'a', text: IMPORTS },
      { id: 'b', text: SOURCE },
      { id: 'c', text: QUERY },
    ]);
    await notebook.settled({ c: has('PSG101') });
    // Edit: the query no longer uses the name.
    const line = { start: { line: 0, character: 0 }, end: { line: 0, character: QUERY.length } };
    await notebook.edit('c', line, 'rows = cur.execute("SELECT * FROM customers").fetchall()');
    await notebook.settled({ a: none, b: none, c: none });
    // Edit back, and add a cell with a hard-coded secret between a and b.
    await notebook.edit('c', line, QUERY);
    await notebook.add(1, 'd', 'API_KEY = "sk_live_4eC39HqLyjWDarjtT1zdp7dc"');
    const published = await notebook.settled({ d: has('PSG202'), c: has('PSG101') });
    assert.strictEqual(confidence(published.get('c')![0]), 'medium');
    // Move the cell that reads the name below the query: the query no longer reads the input, only a name no
    // cell above binds (unknown origin: low confidence, as in a file). A move keeps every cell's version: the
    // diagnostics change all the same.
    await notebook.move('b', 3);
    await notebook.settled({
      c: (d) => has('PSG101')(d) && confidence(d[0]) === 'low',
      b: none,
      d: has('PSG202'),
    });
    assert.deepStrictEqual(
      notebook.cells.map((cell) => cell.uri.split('#')[1]),
      ['a', 'd', 'c', 'b'],
    );
    // Move it back: the flow is seen again.
    await notebook.move('b', 2);
    await notebook.settled({ c: (d) => has('PSG101')(d) && confidence(d[0]) === 'medium' });
    // Delete the secret's cell: its diagnostics are emptied, the others stay.
    await notebook.remove('d');
    await client.waitFor(
      'the deleted cell emptied',
      () => client.lastPublished(cellUri('d'))?.diagnostics.length === 0,
    );
    await notebook.settled({ c: has('PSG101') });
  });

  it('a cell whose language changes away from Python loses its diagnostics, and gets them back when it is Python again', async () => {
    await notebook.open([
      { id: 'a', text: IMPORTS },
      { id: 'b', text: SOURCE },
      { id: 'c', text: QUERY },
      { id: 'd', text: 'API_KEY = "sk_live_4eC39HqLyjWDarjtT1zdp7dc"' },
    ]);
    await notebook.settled({ c: has('PSG101'), d: has('PSG202') });
    const cell = await notebook.becomeMarkdown('d');
    await client.waitFor(
      'the markdown cell emptied',
      () => client.lastPublished(cellUri('d'))?.diagnostics.length === 0,
    );
    await notebook.settled({ c: has('PSG101') });
    await notebook.becomePython(cell, 3);
    await notebook.settled({ c: has('PSG101'), d: has('PSG202') });
  });

  it('offers the fix on the cell and applies it there; a fix that adds an import edits the first cell too', async () => {
    await notebook.open([
      { id: 'a', text: IMPORTS },
      { id: 'b', text: SOURCE },
      { id: 'c', text: QUERY },
      { id: 'd', text: 'API_KEY = "sk_live_4eC39HqLyjWDarjtT1zdp7dc"' },
    ]);
    let published = await notebook.settled({ c: has('PSG101'), d: has('PSG202') });
    const actions = await client.codeActions(cellUri('c'), published.get('c')!);
    const parameterize = actions.find((action) => action.title === 'Parameterize query');
    assert.ok(parameterize, `no fix among ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(actions.some((action) => action.title === 'Suppress PSG101 on this line'));
    await notebook.apply(parameterize);
    assert.strictEqual(
      notebook.cell('c').text,
      'rows = cur.execute("SELECT * FROM customers WHERE name = ?", (name,)).fetchall()',
    );
    published = await notebook.settled({ c: none, d: has('PSG202') });
    // The secret's fix reads the environment: `import os` goes into the first cell.
    const secretActions = await client.codeActions(cellUri('d'), published.get('d')!);
    const environment = secretActions.find((action) => action.title.startsWith('Read the secret from the environment'));
    assert.ok(environment, `no fix among ${secretActions.map((a) => a.title).join(', ')}`);
    assert.deepStrictEqual(
      (environment.edit!.documentChanges as TextDocumentEdit[]).map((change) => change.textDocument.uri).sort(),
      [cellUri('a'), cellUri('d')],
    );
    await notebook.apply(environment);
    assert.match(notebook.cell('a').text, /^import sqlite3\nimport os\n/);
    assert.strictEqual(notebook.cell('d').text, 'API_KEY = os.environ["API_KEY"]');
    await notebook.settled({ a: none, b: none, c: none, d: none });
  });

  it('fix-all on a cell edits only that cell and never removes one', async () => {
    const secondQuery = QUERY.replace('rows', 'more');
    await notebook.open([
      { id: 'a', text: IMPORTS },
      { id: 'b', text: SOURCE },
      { id: 'c', text: `${QUERY}\n${secondQuery}` },
      { id: 'd', text: QUERY.replace('rows', 'last') },
    ]);
    const published = await notebook.settled({ c: has('PSG101', 'PSG101'), d: has('PSG101') });
    const actions = await client.codeActions(cellUri('c'), published.get('c')!, ['source.fixAll']);
    assert.strictEqual(actions.length, 1, JSON.stringify(actions.map((a) => a.title)));
    const [fixAll] = actions;
    assert.strictEqual(fixAll.title, 'Apply 2 security fixes in this cell');
    const changes = fixAll.edit!.documentChanges as TextDocumentEdit[];
    assert.deepStrictEqual(
      changes.map((change) => change.textDocument.uri),
      [cellUri('c')],
    );
    const cellsBefore = notebook.cells.map((cell) => [cell.uri, cell.text]);
    await notebook.apply(fixAll);
    assert.strictEqual(notebook.cells.length, 4);
    assert.deepStrictEqual(
      notebook.cells.map((cell, i) => (i === 2 ? cellsBefore[i] : [cell.uri, cell.text])),
      cellsBefore,
    );
    assert.doesNotMatch(notebook.cell('c').text, /f"/);
    await notebook.settled({ c: none, d: has('PSG101') });
    // Nothing for a cell whose findings have no automatic fix.
    const none_ = await client.codeActions(cellUri('a'), [], ['source.fixAll']);
    assert.deepStrictEqual(none_, []);
  });

  it('a half-typed cell does not stop the others; Python cells over the size limit are skipped, not analysed', async () => {
    await notebook.open([
      { id: 'a', text: IMPORTS },
      { id: 'b', text: 'def broken(:\n    return (' },
      { id: 'c', text: 'API_KEY = "sk_live_4eC39HqLyjWDarjtT1zdp7dc"' },
    ]);
    await notebook.settled({ b: none, c: has('PSG202') });
    // A cell of 6 MB: the notebook's Python is over the 5 MB default, so every cell is emptied.
    const line = 'value = "x" * 10  # padding padding padding padding padding\n';
    await notebook.add(3, 'big', line.repeat(Math.ceil((6 * 1024 * 1024) / line.length)));
    await notebook.settled({ c: none, big: none });
    // Removing it brings the findings back: the server is still there.
    await notebook.remove('big');
    await notebook.settled({ c: has('PSG202') });
  });

  it('a notebook over 20,000 characters gets its fixes once they are checked, as a large file does', async () => {
    const filler = Array.from({ length: 700 }, (_, i) => `value_${i} = sum(range(${i}))`).join('\n');
    await notebook.open([
      { id: 'a', text: `${IMPORTS}\n${filler}` },
      { id: 'b', text: SOURCE },
      { id: 'c', text: QUERY },
    ]);
    const fixed = await client.diagnosticsWhere(
      cellUri('c'),
      (d) => d.length === 1 && !!(d[0].data as { fix?: unknown }).fix,
      60_000,
    );
    const actions = await client.codeActions(cellUri('c'), fixed);
    assert.ok(actions.some((action) => action.title === 'Parameterize query'));
  });

  it('closing the notebook empties every cell', async () => {
    await notebook.open([
      { id: 'a', text: IMPORTS },
      { id: 'b', text: SOURCE },
      { id: 'c', text: QUERY },
    ]);
    await notebook.settled({ c: has('PSG101') });
    await client.connection.sendNotification('notebookDocument/didClose', {
      notebookDocument: { uri: NOTEBOOK },
      cellTextDocuments: notebook.cells.map((cell) => ({ uri: cell.uri })),
    });
    await client.waitFor('every cell emptied', () =>
      notebook.cells.every((cell) => client.lastPublished(cell.uri)?.diagnostics.length === 0),
    );
  });
});
