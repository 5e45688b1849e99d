import {
  type Connection,
  DidChangeConfigurationNotification,
  type FileEvent,
  type InitializeParams,
  TextDocumentSyncKind,
  type WorkspaceFolder,
} from 'vscode-languageserver';
import type { FileAccess } from '../core/fileAccess';
import { Engine } from '../engine/engine';
import { FileEngine, type FileEnvironment } from '../engine/fileEngine';
import { PythonParser, type WasmFiles } from '../parser/parser';
import { SettingsResolver } from '../config/resolver';
import { RescanWorkspaceRequest } from '../shared/workspaceSummary';
import { allFileRules, allRules } from '../rules';
import { FIX_ALL_KIND } from './diagnostics';
import { DocumentStore } from './documentStore';
import { hoverFor } from './hover';
import { LanguageSession, type ChangedModules } from './session';
import type { WorkspaceModules } from '../semantic/crossModule';
import { filePathOf } from './uris';
import { NotebookSession, notebookDocumentSync } from './notebooks';
import { DocumentResults, type DocumentResultsObserver } from './documentResults';
import { EditorSettings } from './editorSettings';

/** The workspace beyond the open documents: scanned in the background, kept current from file events. */
export interface WorkspaceService extends DocumentResultsObserver {
  setFolders(folders: readonly WorkspaceFolder[]): void;
  changeFolders(added: readonly WorkspaceFolder[], removed: readonly WorkspaceFolder[]): void;
  configurationChanged(): void;
  filesChanged(changes: readonly FileEvent[]): void;
  start(): Promise<void>;
  dispose(): void;
}

/** What the server needs from what it is wired to. */
export interface WorkspaceParts {
  connection: Connection;
  parser: PythonParser;
  engine: Engine;
  fileEngine: FileEngine;
  resolver: SettingsResolver;
  environment: FileEnvironment & { clear(): void };
  canPullConfiguration: () => boolean;
  isOpen: (uri: string) => boolean;
  /** The open documents' texts by file path (what calls into them read instead of the files). */
  openTexts: () => ReadonlyMap<string, string>;
}

/**
 * What differs between the language server in a Node process (the desktop) and in a web worker
 * (VS Code for the Web): how the WASM files and the files around a document are reached, and
 * how the workspace is scanned. The analysis and the protocol handling are the same code.
 */
export interface ServerPlatform {
  /** Runs before anything else, with the client's initialization options (the web client sends URLs there). */
  prepare?(params: InitializeParams): Promise<void>;
  wasmFiles(params: InitializeParams): WasmFiles;
  /** pyproject.toml and other files the settings read. */
  files: FileAccess;
  /** What the file rules ask about the files around a document (.gitignore); forgotten when settings change. */
  environment: FileEnvironment & { clear(): void };
  /** The path the settings and the rules know a document by. */
  pathOf(uri: string): string | undefined;
  createWorkspace(parts: WorkspaceParts): WorkspaceService;
  /**
   * The workspace folders as Python modules, so that calls into other files are followed (open
   * documents read as edited); without it (the web worker) calls into other files are not followed.
   */
  workspaceModules?(folders: readonly WorkspaceFolder[], openText: (file: string) => string | undefined): FolderModules;
}

/** The workspace's modules, told of changed files and of the folders as they change. */
export interface FolderModules extends ChangedModules {
  modules: WorkspaceModules;
  setFolders(folders: readonly WorkspaceFolder[]): void;
}

/** Registers every handler on `connection` and starts listening. */
export function startLanguageServer(connection: Connection, platform: ServerPlatform): void {
  let session: LanguageSession | undefined;
  let workspace: WorkspaceService | undefined;
  let notebooks: NotebookSession | undefined;
  let modules: FolderModules | undefined;
  /** The results of the open documents' and notebooks' last analyses: hover and the workspace scan read them. */
  const results = new DocumentResults();
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
    await platform.prepare?.(params);
    const parser = await PythonParser.create(platform.wasmFiles(params));
    const engine = new Engine(parser, allRules);
    const store = new DocumentStore(parser);
    const fileEngine = new FileEngine(allFileRules);
    // One resolver of pyproject.toml settings for the open documents and the workspace scan; the catalog is passed in here.
    const resolver = new SettingsResolver([...allRules, ...allFileRules], platform.files);
    workspace = platform.createWorkspace({
      connection,
      parser,
      engine,
      fileEngine,
      resolver,
      environment: platform.environment,
      canPullConfiguration: () => pullConfiguration,
      isOpen: (uri) => !!store.get(uri) || !!notebooks?.isOpen(uri),
      openTexts: () => store.textsOfFiles(),
    });
    const rootUri = params.rootUri;
    folders = params.workspaceFolders ?? (rootUri ? [{ uri: rootUri, name: rootUri }] : []);
    workspace.setFolders(folders);
    modules = platform.workspaceModules?.(folders, (file) => store.textOfFile(file));
    engine.useWorkspace(modules?.modules);
    // One place for the editor's settings of the open documents and notebooks, over the shared resolver.
    const settings = new EditorSettings(connection, () => pullConfiguration, resolver);
    session = new LanguageSession(
      connection,
      engine,
      store,
      settings,
      fileEngine,
      platform.environment,
      modules,
      (uri) => platform.pathOf(uri),
      results,
    );
    notebooks = new NotebookSession(connection, engine, settings, results);
    results.observe(workspace);
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
        modules?.setFolders(folders);
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
    hoverFor(results.findingsAt(params.textDocument.uri, params.position.line, params.position.character)),
  );
  connection.onRequest(RescanWorkspaceRequest, () => {
    void workspace?.start();
  });
  connection.onShutdown(() => workspace?.dispose());

  connection.listen();
}

function isPyproject(uri: string): boolean {
  return /(?:^|\/)pyproject\.toml$/.test(uri.split(/[?#]/)[0]);
}
