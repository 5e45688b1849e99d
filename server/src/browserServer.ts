import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { useRuleDocs } from './docs/location';
import { useAdvisoryFiles } from './packaging/advisoryFiles';
import { FileSnapshot } from './lsp/fileSnapshot';
import { startLanguageServer } from './lsp/languageServer';
import { VirtualWorkspaceScan } from './lsp/virtualWorkspaceScan';
import type { WebInitializationOptions } from './shared/virtualWorkspace';

// The language server in a web worker (VS Code for the Web): the same handlers and analysis as the
// desktop's server.ts, with the workspace's files read by the client through `vscode.workspace.fs`
// and the WASM files and advisory data fetched from the URLs the client sends. Wiring only.

// The language server yields between analyses with setImmediate, which workers do not have.
const scope = globalThis as unknown as { setImmediate?: unknown };
scope.setImmediate ??= (callback: (...args: unknown[]) => void, ...args: unknown[]) => setTimeout(callback, 0, ...args);

// The worker's global scope carries the messages (its DOM type is not in the Node typings compiled against).
const connection = createConnection(
  new BrowserMessageReader(globalThis as never),
  new BrowserMessageWriter(globalThis as never),
);
const files = new FileSnapshot();
/** Where the bundled advisory data is kept among the files (not a workspace URI). */
const ADVISORIES = 'bundled:advisories/pypi-advisories.json';

function webOptions(options: unknown): WebInitializationOptions {
  const value = options as Partial<WebInitializationOptions> | undefined;
  if (!value?.wasm?.runtime || !value.wasm.grammar || !value.advisories || !value.docs)
    throw new Error('the client did not send the locations of the WASM files and the advisory data');
  return value as WebInitializationOptions;
}

startLanguageServer(connection, {
  async prepare(params) {
    const { advisories, docs } = webOptions(params.initializationOptions);
    useRuleDocs(docs);
    try {
      const response = await fetch(advisories);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      files.set(ADVISORIES, await response.text());
    } catch (error) {
      connection.console.warn(`the advisory data could not be fetched from ${advisories}: ${String(error)}`);
    }
    useAdvisoryFiles(files, ADVISORIES);
  },
  wasmFiles: (params) => webOptions(params.initializationOptions).wasm,
  files,
  // No .gitignore is read in a virtual workspace: "is this .env ignored?" has no answer there.
  environment: { isGitIgnored: () => undefined, clear: () => undefined },
  // A document's URI is its path among the workspace files the client sent.
  pathOf: (uri) => uri,
  createWorkspace: ({ connection, engine, fileEngine, resolver, environment, canPullConfiguration, isOpen }) =>
    new VirtualWorkspaceScan(connection, {
      engine,
      fileEngine,
      resolver,
      files,
      environment,
      canPullConfiguration,
      isOpen,
    }),
});
