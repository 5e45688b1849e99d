import * as path from 'path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';

// Wiring only: start the language server, show its log, expose a few commands.
let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Python Security Guide');
  context.subscriptions.push(output);
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'python' }],
    outputChannel: output,
    synchronize: { configurationSection: 'pythonSecurityGuide' },
  };
  client = new LanguageClient('pythonSecurityGuide', 'Python Security Guide', serverOptions, clientOptions);
  context.subscriptions.push(
    vscode.commands.registerCommand('pythonSecurityGuide.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('pythonSecurityGuide.restartServer', async () => client?.restart()),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
