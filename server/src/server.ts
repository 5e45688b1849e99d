import {
  createConnection,
  DidChangeConfigurationNotification,
  ProposedFeatures,
  TextDocumentSyncKind,
  WorkspaceFolder,
} from 'vscode-languageserver/node';
import { Engine } from './engine/engine';
import { FileEngine } from './engine/fileEngine';
import { PythonParser } from './parser/parser';
import { isNotebookFile } from './notebooks/ipynb';
import { FIX_ALL_KIND } from './lsp/diagnostics';
import { DocumentStore } from './lsp/documentStore';
import { hoverFor } from './lsp/hover';
import { LanguageSession } from './lsp/session';
import { NotebookSession, notebookDocumentSync } from './lsp/notebooks';
import { WorkspaceScan } from './lsp/workspaceScan';
import { RescanWorkspaceRequest } from './shared/workspaceSummary';
import { allFileRules, allRules } from './rules';
import { GitIgnoreOracle } from './workspace/gitignore';
import { Scanner } from './workspace/scanner';
import { SettingsResolver } from './config/resolver';
import { FileSystemModules } from './workspace/modules';
import { filePathOf } from './lsp/uris';

// Wiring only: the connection, its handlers and the objects behind them.
const connection = createConnection(ProposedFeatures.all);
let session: LanguageSession | undefined;
let workspace: WorkspaceScan | undefined;
let notebooks: NotebookSession | undefined;
let modules: FileSystemModules | undefined;
let folders: WorkspaceFolder[] = [];
let pullConfiguration = false;
let dynamicConfiguration = false;
let folderEvents = false;
/** The client applies `documentChanges` (versioned edits): code actions then name the version they were computed on. */
let documentChanges = false;

connection.onInitialize(async (params) => {
  pullConfiguration = !!params.capabilities.workspace?.configuration;
  dynamicConfiguration = !!params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration;
  folderEvents = !!params.capabilities.workspace?.workspaceFolders;
  documentChanges = !!params.capabilities.workspace?.workspaceEdit?.documentChanges;
  const parser = await PythonParser.create();
  const engine = new Engine(parser, allRules);
  const store = new DocumentStore(parser);
  const fileEngine = new FileEngine(allFileRules);
  // One oracle of .gitignore rules for the open documents and the workspace scan.
  const gitIgnore = new GitIgnoreOracle();
  const scanner = new Scanner(parser, engine, undefined, fileEngine, gitIgnore);
  // One resolver of pyproject.toml settings for the open documents and the workspace scan; the catalog is passed in here.
  const resolver = new SettingsResolver([...allRules, ...allFileRules]);
  workspace = new WorkspaceScan(connection, parser, scanner, {
    canPullConfiguration: () => pullConfiguration,
    isOpen: (uri) => !!store.get(uri) || !!notebooks?.isOpen(uri),
    // Notebooks are walked too: their Python cells count like Python files.
    isOtherFile: (file) => scanner.isOtherFile(file) || isNotebookFile(file),
    resolver,
  });
  const rootUri = params.rootUri;
  folders = params.workspaceFolders ?? (rootUri ? [{ uri: rootUri, name: rootUri }] : []);
  workspace.setFolders(folders);
  // The workspace folders as Python modules: calls into other files are followed (open documents read as edited).
  modules = new FileSystemModules(folderPaths(folders), undefined, (file) => store.textOfFile(file));
  engine.useWorkspace(modules);
  session = new LanguageSession(
    connection,
    engine,
    store,
    () => pullConfiguration,
    fileEngine,
    resolver,
    gitIgnore,
    modules,
  );
  session.observe(workspace);
  notebooks = new NotebookSession(connection, engine, resolver, () => pullConfiguration);
  notebooks.observe(workspace);
  notebooks.listen();
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      notebookDocumentSync,
      codeActionProvider: { codeActionKinds: ['quickfix', FIX_ALL_KIND] },
      hoverProvider: true,
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'Python Security Guide' },
  };
});

connection.onInitialized(() => {
  if (dynamicConfiguration)
    void connection.client.register(DidChangeConfigurationNotification.type, { section: 'pythonSecurityGuide' });
  if (folderEvents)
    connection.workspace.onDidChangeWorkspaceFolders((event) => {
      workspace?.changeFolders(event.added, event.removed);
      const removed = new Set(event.removed.map((folder) => folder.uri));
      folders = [...folders.filter((folder) => !removed.has(folder.uri)), ...event.added];
      modules?.setRoots(folderPaths(folders));
    });
  void workspace?.start();
});

connection.onDidOpenTextDocument((params) => session?.opened(params));
connection.onDidChangeTextDocument((params) => session?.changed(params));
connection.onDidCloseTextDocument((params) => session?.closed(params.textDocument.uri));
connection.onDidChangeConfiguration(() => {
  session?.configurationChanged();
  notebooks?.configurationChanged();
  workspace?.configurationChanged();
});
connection.onDidChangeWatchedFiles((params) => {
  // A pyproject.toml created, changed or deleted may change the settings of every open document:
  // they are analysed again at once, as after a change of the editor's settings.
  if (params.changes.some((change) => isPyproject(change.uri))) session?.configurationChanged();
  workspace?.filesChanged(params.changes);
  session?.filesChanged(params.changes.flatMap((change) => filePathOf(change.uri) ?? []));
});
connection.onCodeAction(
  async (params) =>
    (await notebooks?.codeActions(params, documentChanges)) ??
    (await session?.codeActions(params, documentChanges)) ??
    [],
);
connection.onHover((params) =>
  hoverFor(
    notebooks?.findingsAt(params.textDocument.uri, params.position.line, params.position.character) ??
      session?.findingsAt(params.textDocument.uri, params.position.line, params.position.character) ??
      [],
  ),
);
connection.onRequest(RescanWorkspaceRequest, () => {
  void workspace?.start();
});
connection.onShutdown(() => workspace?.dispose());

function folderPaths(list: readonly WorkspaceFolder[]): string[] {
  return list.flatMap((folder) => filePathOf(folder.uri) ?? []);
}

function isPyproject(uri: string): boolean {
  return /(?:^|\/)pyproject\.toml$/.test(uri.split(/[?#]/)[0]);
}

// A promise nobody awaited must not take the server down with every open document: log it instead.
process.on('unhandledRejection', (reason) =>
  connection.console.error(
    `unexpected error: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`,
  ),
);

connection.listen();
