import * as path from 'path';
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';
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

// Wiring only: start the language server, the checklist view and the status bar, register commands.
let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
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

  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const restartPolicy = new RestartPolicy(
    { ErrorAction, CloseAction },
    (message) => void vscode.window.showWarningMessage(message),
  );
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: 'python' },
      // Files the dependency and .env rules read, whatever language mode an editor gives them.
      { scheme: 'file', pattern: `**/${manifestGlob}` },
      { scheme: 'file', pattern: `**/${auditedManifestGlob}` },
      { scheme: 'file', pattern: `**/${envGlob}` },
      // Jinja2 templates, for `|safe` and `{% autoescape false %}`.
      { scheme: 'file', pattern: `**/${templateGlob}` },
    ],
    outputChannel: output,
    errorHandler: restartPolicy,
    synchronize: {
      configurationSection: ['pythonSecurityGuide', 'files.exclude'],
      fileEvents: [
        vscode.workspace.createFileSystemWatcher('**/*.py'),
        vscode.workspace.createFileSystemWatcher('**/*.ipynb'),
        vscode.workspace.createFileSystemWatcher(`**/${configurationGlob}`),
        vscode.workspace.createFileSystemWatcher(`**/${auditedManifestGlob}`),
        vscode.workspace.createFileSystemWatcher(`**/${envGlob}`),
      ],
    },
  };
  client = new LanguageClient('pythonSecurityGuide', 'Python Security Guide', serverOptions, clientOptions);
  context.subscriptions.push(
    client.onNotification(WorkspaceSummaryNotification, (summary) => summaries.update(summary)),
    vscode.commands.registerCommand('pythonSecurityGuide.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('pythonSecurityGuide.restartServer', async () => {
      restartPolicy.reset();
      summaries.update(undefined);
      await client?.restart();
    }),
    vscode.commands.registerCommand('pythonSecurityGuide.rescanWorkspace', async () =>
      client?.sendRequest(RescanWorkspaceRequest),
    ),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
