import * as vscode from 'vscode';
import type { SummaryFinding } from '../../../server/src/shared/workspaceSummary';

/** Opens a notebook at a finding in one of its cells (the command a checklist finding of a notebook runs). */
export const REVEAL_NOTEBOOK_CELL = 'pythonSecurityGuide.revealNotebookCell';

/** The cell of an open notebook that a `vscode-notebook-cell:` URI names. */
function openCell(uri: string): { notebook: vscode.NotebookDocument; cell: vscode.NotebookCell } | undefined {
  for (const notebook of vscode.workspace.notebookDocuments) {
    const cell = notebook.getCells().find((candidate) => candidate.document.uri.toString() === uri);
    if (cell) return { notebook, cell };
  }
  return undefined;
}

/**
 * The path of a finding's file as people read it, relative to the workspace; in a notebook, with
 * the cell (counting every cell from 1): `analysis.ipynb, cell 3`.
 */
export function displayPath(uri: string, cell?: number): string {
  const parsed = vscode.Uri.parse(uri);
  if (cell !== undefined) return `${vscode.workspace.asRelativePath(parsed)}, cell ${cell}`;
  if (parsed.scheme === 'vscode-notebook-cell') {
    const open = openCell(uri);
    const notebook = open ? open.notebook.uri : parsed.with({ scheme: 'file', fragment: '' });
    return `${vscode.workspace.asRelativePath(notebook)}${open ? `, cell ${open.cell.index + 1}` : ''}`;
  }
  return vscode.workspace.asRelativePath(parsed);
}

const rangeOf = (finding: SummaryFinding) =>
  new vscode.Range(
    finding.range.start.line,
    finding.range.start.character,
    finding.range.end.line,
    finding.range.end.character,
  );

/** The command that opens the file (or the notebook's cell) at the finding. */
export function openCommand(finding: SummaryFinding): vscode.Command {
  const uri = vscode.Uri.parse(finding.uri);
  if (finding.cell !== undefined)
    return {
      command: REVEAL_NOTEBOOK_CELL,
      title: 'Open',
      arguments: [finding.uri, finding.cell - 1, finding.range],
    };
  return {
    command: 'vscode.open',
    title: 'Open',
    arguments: [uri, { selection: rangeOf(finding) } satisfies vscode.TextDocumentShowOptions],
  };
}

/** Opens the notebook, then its cell's editor with the finding selected. */
export async function revealNotebookCell(uri: string, index: number, range: SummaryFinding['range']): Promise<void> {
  const notebook = await vscode.workspace.openNotebookDocument(vscode.Uri.parse(uri));
  await vscode.window.showNotebookDocument(notebook, { selections: [new vscode.NotebookRange(index, index + 1)] });
  if (index >= notebook.cellCount) return;
  await vscode.window.showTextDocument(notebook.cellAt(index).document, {
    selection: rangeOf({ range } as SummaryFinding),
  });
}
