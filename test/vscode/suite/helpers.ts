import * as assert from 'assert';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'python-security-guide.python-security-guide';
export const SOURCE = 'Python Security Guide';

export function extension(): vscode.Extension<unknown> {
  const found = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(found, `extension ${EXTENSION_ID} is not loaded`);
  return found;
}

/** What the extension's package.json contributes, as the editor loaded it. */
export function contributes(): Record<string, unknown> {
  return (extension().packageJSON as { contributes?: Record<string, unknown> }).contributes ?? {};
}

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder is open');
  return folder.uri;
}

export function fixtureUri(relative: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...relative.split('/'));
}

/** Polls until `probe` returns something other than undefined/false; fails with `describe` after `timeoutMs`. */
export async function waitFor<T>(
  describe: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${describe}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export function ruleOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

export function ourDiagnostics(uri: vscode.Uri, ruleId?: string): vscode.Diagnostic[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === SOURCE && (ruleId === undefined || ruleOf(d) === ruleId));
}

/**
 * Rejects with the activation error when the extension failed to activate, so that a broken
 * extension fails each test at once instead of after a wait. Call only after a Python file is open.
 */
export async function activated(): Promise<void> {
  await extension().activate();
}

export async function waitForDiagnostic(uri: vscode.Uri, ruleId: string): Promise<vscode.Diagnostic> {
  await activated();
  return waitFor(`${ruleId} on ${vscode.workspace.asRelativePath(uri)}`, () => ourDiagnostics(uri, ruleId)[0]);
}

export async function waitForNoDiagnostic(uri: vscode.Uri, ruleId: string): Promise<void> {
  await waitFor(
    `${ruleId} to disappear from ${vscode.workspace.asRelativePath(uri)}`,
    () => ourDiagnostics(uri, ruleId).length === 0,
  );
}

export async function openFixture(relative: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(fixtureUri(relative));
  return vscode.window.showTextDocument(document, { preview: false });
}

/** Documents the tests edit: files of the fixture workspace and untitled editors (not the editor's own settings files). */
function isTestDocument(document: vscode.TextDocument): boolean {
  return document.uri.scheme === 'untitled' || vscode.workspace.getWorkspaceFolder(document.uri) !== undefined;
}

/** Discards the tests' unsaved changes (files go back to what is on disk, untitled editors go away) and closes all editors. */
export async function revertAll(): Promise<void> {
  for (const document of vscode.workspace.textDocuments) {
    if (!document.isDirty || !isTestDocument(document)) continue;
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  const dirty = vscode.workspace.textDocuments.filter(
    (document) => document.isDirty && document.uri.scheme !== 'untitled' && isTestDocument(document),
  );
  assert.deepStrictEqual(
    dirty.map((document) => document.uri.toString()),
    [],
    'files still have unsaved changes',
  );
}

export async function codeActionsAt(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  const actions =
    (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
      'vscode.executeCodeActionProvider',
      uri,
      range,
    )) ?? [];
  return actions.filter(
    (action): action is vscode.CodeAction =>
      'title' in action && !('command' in action && typeof action.command === 'string'),
  );
}

export async function applyAction(action: vscode.CodeAction): Promise<void> {
  assert.ok(action.edit, `code action "${action.title}" carries no edit`);
  assert.strictEqual(
    await vscode.workspace.applyEdit(action.edit),
    true,
    `the editor refused the edit of "${action.title}"`,
  );
  if (action.command)
    await vscode.commands.executeCommand(action.command.command, ...((action.command.arguments ?? []) as unknown[]));
}
