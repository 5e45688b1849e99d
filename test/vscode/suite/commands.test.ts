import * as assert from 'assert';
import * as vscode from 'vscode';
import { contributes, extension, openFixture, ourDiagnostics, revertAll, waitFor, waitForDiagnostic } from './helpers';

interface ContributedCommand {
  command: string;
  title: string;
}

const contributed = (): ContributedCommand[] => (contributes().commands as ContributedCommand[] | undefined) ?? [];

describe('contributed commands', () => {
  before(async () => {
    await openFixture('app/users.py');
    await waitFor('the extension to activate', () => extension().isActive);
    await extension().activate();
  });
  after(revertAll);

  it('contributes at least the output and restart commands, all registered', async () => {
    const ids = contributed().map((command) => command.command);
    assert.ok(ids.includes('pythonSecurityGuide.showOutput'));
    assert.ok(ids.includes('pythonSecurityGuide.restartServer'));
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = ids.filter((id) => !registered.has(id));
    assert.deepStrictEqual(missing, [], 'contributed but not registered');
  });

  // One test per command that package.json contributes, so new commands are covered as they come.
  for (const command of readContributedCommandsAtLoad()) {
    it(`"${command.title}" (${command.command}) runs without error`, async () => {
      const running = Promise.resolve(vscode.commands.executeCommand(command.command));
      // A command that asks for input (a quick pick, an input box) is dismissed as a person would with Escape.
      const dismiss = setTimeout(() => void vscode.commands.executeCommand('workbench.action.closeQuickOpen'), 3000);
      try {
        await running;
      } catch (error) {
        // The editor refuses modal dialogs while extension tests run: a command that asks first
        // (e.g. "Reset…?") ends there, which is as far as it can run here. Any other error fails.
        if (!/refused to show dialog in tests/.test(error instanceof Error ? error.message : String(error)))
          throw error;
      } finally {
        clearTimeout(dismiss);
      }
    });
  }

  it('after "Restart Language Server" the analysis still runs', async () => {
    await vscode.commands.executeCommand('pythonSecurityGuide.restartServer');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const editor = await openFixture('app/login.py');
    await waitForDiagnostic(editor.document.uri, 'PSG201');
    assert.ok(ourDiagnostics(editor.document.uri).length > 0);
  });
});

/** Mocha collects tests synchronously, so the list is read from the loaded extension's manifest here. */
function readContributedCommandsAtLoad(): ContributedCommand[] {
  const list = contributed();
  assert.ok(list.length > 0, 'package.json contributes no commands');
  return list;
}
