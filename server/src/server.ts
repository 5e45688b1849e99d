import { createConnection, DidChangeConfigurationNotification, ProposedFeatures, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { Engine } from './engine/engine';
import { PythonParser } from './engine/parser';
import { DocumentStore } from './lsp/documentStore';
import { LanguageSession } from './lsp/session';
import { allRules } from './rules';

// Wiring only: the connection, its handlers and the objects behind them.
const connection = createConnection(ProposedFeatures.all);
let session: LanguageSession | undefined;
let pullConfiguration = false;
let dynamicConfiguration = false;

connection.onInitialize(async (params) => {
  pullConfiguration = !!params.capabilities.workspace?.configuration;
  dynamicConfiguration = !!params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration;
  const parser = await PythonParser.create();
  session = new LanguageSession(connection, new Engine(parser, allRules), new DocumentStore(parser), () => pullConfiguration);
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      codeActionProvider: { codeActionKinds: ['quickfix'] },
    },
    serverInfo: { name: 'Python Security Guide' },
  };
});

connection.onInitialized(() => {
  if (dynamicConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'pythonSecurityGuide' });
});

connection.onDidOpenTextDocument((params) => session?.opened(params));
connection.onDidChangeTextDocument((params) => session?.changed(params));
connection.onDidCloseTextDocument((params) => session?.closed(params.textDocument.uri));
connection.onDidChangeConfiguration(() => session?.configurationChanged());
connection.onCodeAction((params) => session?.codeActions(params) ?? []);

connection.listen();
