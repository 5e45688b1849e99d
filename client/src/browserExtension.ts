import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { LanguageClient } from 'vscode-languageclient/browser';
import {
  ReadFileRequest,
  WorkspaceFilesRequest,
  type ReadFileResult,
  type WebInitializationOptions,
} from '../../server/src/shared/virtualWorkspace';
import { activateWith } from './activation';

// The browser entry (`browser`, VS Code for the Web): the language server runs in a web worker,
// and this side reads the workspace's files for it through `vscode.workspace.fs`. Wiring only.
let client: BaseLanguageClient | undefined;
let worker: ServerWorker | undefined;

/** The extension host's Worker (this project compiles against Node's typings, which have no DOM). */
interface ServerWorker {
  terminate(): void;
}
const WorkerClass = (globalThis as unknown as { Worker: new (url: string) => ServerWorker }).Worker;

/**
 * A URL the worker can fetch for a file of the extension. The extension host's `fetch` knows how
 * to reach `vscode-remote:` and `file:` URIs (it asks the editor for a browser URL); the worker's
 * does not, so the URL the response came from is what the worker is given. (The editor's resource
 * route answers GET only; the body is not read.)
 */
async function browserUrl(uri: vscode.Uri): Promise<string> {
  if (uri.scheme === 'http' || uri.scheme === 'https') return uri.toString(true);
  const response = await fetch(uri.toString(true));
  await response.body?.cancel();
  if (!response.ok) throw new Error(`${uri.toString(true)}: HTTP ${response.status}`);
  return response.url;
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const dist = (...parts: string[]) => browserUrl(vscode.Uri.joinPath(context.extensionUri, 'dist', ...parts));
  const initializationOptions: WebInitializationOptions = {
    wasm: { runtime: await dist('web-tree-sitter.wasm'), grammar: await dist('tree-sitter-python.wasm') },
    advisories: await dist('advisories', 'pypi-advisories.json'),
    docs: vscode.Uri.joinPath(context.extensionUri, 'docs').toString(),
  };
  const serverUrl = await dist('browser', 'server.js');
  await activateWith(
    context,
    {
      create: (id, name, options) => {
        worker = new WorkerClass(serverUrl);
        const created = new LanguageClient(
          id,
          name,
          { ...options, initializationOptions },
          worker as ConstructorParameters<typeof LanguageClient>[3],
        );
        created.onRequest(WorkspaceFilesRequest, listFiles);
        created.onRequest(ReadFileRequest, ({ uri, maxBytes }) => readFile(vscode.Uri.parse(uri), maxBytes));
        return created;
      },
      restart: async (started) => {
        await started.stop();
        await started.start();
      },
    },
    (started) => (client = started),
  );
}

/** The files of one workspace folder matching any include glob, at most `maxFiles` (in path order). */
async function listFiles({
  folder,
  include,
  exclude,
  maxFiles,
}: {
  folder: string;
  include: string[];
  exclude: string[];
  maxFiles: number;
}): Promise<{ uris: string[]; truncated: boolean }> {
  const base = vscode.Uri.parse(folder);
  const excluded = exclude.length ? new vscode.RelativePattern(base, `{${exclude.join(',')}}`) : null;
  const found = new Map<string, vscode.Uri>();
  for (const glob of include) {
    // One more than the limit, to know whether there were more.
    for (const uri of await vscode.workspace.findFiles(new vscode.RelativePattern(base, glob), excluded, maxFiles + 1))
      found.set(uri.toString(), uri);
  }
  const uris = [...found.keys()].sort();
  return { uris: uris.slice(0, maxFiles), truncated: uris.length > maxFiles };
}

/** A workspace file's text, unless it is larger than `maxBytes`, binary or unreadable. */
async function readFile(uri: vscode.Uri, maxBytes: number): Promise<ReadFileResult> {
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.size > maxBytes)
      return { skipped: `larger than the ${maxBytes}-byte limit of a virtual workspace (${stat.size} bytes)` };
    const bytes = await vscode.workspace.fs.readFile(uri);
    if (bytes.subarray(0, 8192).includes(0)) return { skipped: 'binary content' };
    return { text: new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(bytes) };
  } catch (error) {
    return { skipped: `cannot read it (${error instanceof Error ? error.message : String(error)})` };
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  worker?.terminate();
  client = undefined;
  worker = undefined;
}
