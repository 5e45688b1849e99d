import * as path from 'path';
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { LanguageClient, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { SERVER_NODE_FLAGS } from '../../server/src/shared/serverProcess';
import { activateWith } from './activation';

// The desktop entry (`main`): the language server runs in a Node process. Wiring only.
let client: BaseLanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS] } },
    debug: {
      module,
      transport: TransportKind.ipc,
      options: { execArgv: [...SERVER_NODE_FLAGS, '--nolazy', '--inspect=6011'] },
    },
  };
  await activateWith(
    context,
    {
      fileScheme: 'file',
      create: (id, name, options) => new LanguageClient(id, name, serverOptions, options),
      restart: (started) => (started as LanguageClient).restart(),
    },
    (started) => (client = started),
  );
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
