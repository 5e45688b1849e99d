import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startLanguageServer } from './lsp/languageServer';
import { filePathOf } from './lsp/uris';
import { WorkspaceScan } from './lsp/workspaceScan';
import { isNotebookFile } from './notebooks/ipynb';
import { GitIgnoreOracle } from './workspace/gitignore';
import { nodeFileAccess, nodeWasmFiles, useNodeAdvisories, useNodeRuleDocs } from './workspace/nodeFileAccess';
import { Scanner } from './workspace/scanner';
import { createScanPool } from './workspace/scanPool';
import { DEFAULT_MAX_FILE_BYTES } from './workspace/files';
import { FileSystemModules } from './workspace/modules';

// The language server in a Node process (the desktop): files through Node's file system, the
// workspace scanned from disk. Wiring only; the handlers are in lsp/languageServer.ts.
const connection = createConnection(ProposedFeatures.all);
useNodeAdvisories();
useNodeRuleDocs();

startLanguageServer(connection, {
  wasmFiles: () => nodeWasmFiles(),
  files: nodeFileAccess,
  // One oracle of .gitignore rules for the open documents and the workspace scan.
  environment: new GitIgnoreOracle(),
  pathOf: filePathOf,
  createWorkspace: ({
    connection,
    parser,
    engine,
    fileEngine,
    resolver,
    environment,
    canPullConfiguration,
    isOpen,
    openTexts,
  }) => {
    const scanner = new Scanner(parser, engine, undefined, fileEngine, environment);
    return new WorkspaceScan(connection, parser, scanner, {
      canPullConfiguration,
      isOpen,
      // Python files and notebooks are analysed on one worker thread (in this thread when running from source),
      // stopped a second after the scan and its changes go idle so that its memory is returned.
      pool: createScanPool(1, DEFAULT_MAX_FILE_BYTES, { offThread: true, idleMs: 1000 }),
      openTexts,
      // Notebooks are walked too: their Python cells count like Python files.
      isOtherFile: (file) => scanner.isOtherFile(file) || isNotebookFile(file),
      resolver,
    });
  },
  workspaceModules: (folders, openText) => {
    const paths = (list: readonly { uri: string }[]) => list.flatMap((folder) => filePathOf(folder.uri) ?? []);
    const modules = new FileSystemModules(paths(folders), undefined, openText);
    return {
      modules,
      changed: (file) => modules.changed(file),
      edited: (file) => modules.edited(file),
      setFolders: (list) => modules.setRoots(paths(list)),
    };
  },
});

// A promise nobody awaited must not take the server down with every open document: log it instead.
process.on('unhandledRejection', (reason) =>
  connection.console.error(
    `unexpected error: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`,
  ),
);
