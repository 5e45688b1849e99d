import * as vscode from 'vscode';
import { type BaseLanguageClient, CloseAction, ErrorAction, type LanguageClientOptions } from 'vscode-languageclient';
import { RescanWorkspaceRequest, WorkspaceSummaryNotification } from '../../server/src/shared/workspaceSummary';
import { registerChecklistCommands } from './checklist/commands';
import { ManualChecks } from './checklist/manualChecks';
import { ChecklistView } from './checklist/view';
import { createStatusBar } from './statusBar';
import { WorkspaceSummaryStore } from './workspaceSummary';
import { RestartPolicy } from './restartPolicy';
import {
  configurationGlob,
  envGlob,
  manifestGlob,
  auditedManifestGlob,
  templateGlob,
} from '../../server/src/shared/filePatterns';

/** How the language client is made where the extension runs: a Node process on the desktop, a web worker in the browser. */
export interface ClientFactory {
  /**
   * The scheme of the documents the non-Python file rules read (`file` on the desktop; any in
   * the browser, whose workspace files are `vscode-vfs:`, `vscode-remote:` ...).
   */
  fileScheme?: string;
  create(id: string, name: string, options: LanguageClientOptions): BaseLanguageClient;
  /** Stops the server and starts it again (the Restart Language Server command). */
  restart(client: BaseLanguageClient): Promise<void>;
}

/**
 * Wiring shared by the desktop and the browser entries: the checklist view, the status bar, the
 * commands and the language client. `onClient` gets the client before it starts, for `deactivate`.
 */
export async function activateWith(
  context: vscode.ExtensionContext,
  factory: ClientFactory,
  onClient: (client: BaseLanguageClient) => void,
): Promise<void> {
  const output = vscode.window.createOutputChannel('Python Security Guide');
  const summaries = new WorkspaceSummaryStore();
  const manual = new ManualChecks(context.workspaceState);
  const checklist = new ChecklistView(summaries, manual);
  const tree = vscode.window.createTreeView('pythonSecurityGuide.checklist', {
    treeDataProvider: checklist,
    showCollapseAll: true,
  });
  context.subscriptions.push(output, summaries, manual, checklist, tree, createStatusBar(summaries));
  context.subscriptions.push(
    tree.onDidChangeCheckboxState(async (event) => {
      for (const [node, state] of event.items) {
        if (node.kind === 'item' && node.state.item.kind === 'manual')
          await manual.set(node.state.item.id, state === vscode.TreeItemCheckboxState.Checked);
      }
    }),
    ...registerChecklistCommands(context, checklist, manual, summaries),
  );

  const restartPolicy = new RestartPolicy(
    { ErrorAction, CloseAction },
    (message) => void vscode.window.showWarningMessage(message),
  );
  const scheme = factory.fileScheme;
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: 'python' },
      // Files the dependency and .env rules read, whatever language mode an editor gives them.
      { scheme, pattern: `**/${manifestGlob}` },
      { scheme, pattern: `**/${auditedManifestGlob}` },
      { scheme, pattern: `**/${envGlob}` },
      // Jinja2 templates, for `|safe` and `{% autoescape false %}`.
      { scheme, pattern: `**/${templateGlob}` },
    ],
    outputChannel: output,
    errorHandler: restartPolicy,
    synchronize: {
      configurationSection: ['pythonSecurityGuide', 'files.exclude'],
      fileEvents: [
        vscode.workspace.createFileSystemWatcher('**/*.py'),
        vscode.workspace.createFileSystemWatcher(`**/${configurationGlob}`),
        vscode.workspace.createFileSystemWatcher(`**/${auditedManifestGlob}`),
        vscode.workspace.createFileSystemWatcher(`**/${envGlob}`),
        vscode.workspace.createFileSystemWatcher('**/*.ipynb'),
      ],
    },
  };
  const client = factory.create('pythonSecurityGuide', 'Python Security Guide', clientOptions);
  onClient(client);
  context.subscriptions.push(
    client.onNotification(WorkspaceSummaryNotification, (summary) => summaries.update(summary)),
    vscode.commands.registerCommand('pythonSecurityGuide.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('pythonSecurityGuide.restartServer', async () => {
      restartPolicy.reset();
      summaries.update(undefined);
      await factory.restart(client);
    }),
    vscode.commands.registerCommand('pythonSecurityGuide.rescanWorkspace', async () =>
      client.sendRequest(RescanWorkspaceRequest),
    ),
  );
  await client.start();
}
