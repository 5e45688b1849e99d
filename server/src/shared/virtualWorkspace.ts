import { ProtocolRequestType } from 'vscode-languageserver-protocol';

/**
 * Messages a language server in a web worker (VS Code for the Web) sends its client, which reads
 * the workspace through `vscode.workspace.fs`: the worker has no file system. Both sides import
 * this module; the desktop server reads files from disk and never sends them.
 */

/** At most this many files of a virtual workspace are scanned (a repository opened on github.dev can be huge). */
export const VIRTUAL_WORKSPACE_MAX_FILES = 2000;
/** Files larger than this are not read from a virtual workspace (each read is a download there). */
export const VIRTUAL_WORKSPACE_MAX_FILE_BYTES = 1024 * 1024;

export interface WorkspaceFilesParams {
  /** The workspace folder's URI. */
  folder: string;
  /** Globs relative to the folder (`**\/*.{py,pyw}`, ...): the files matching any. */
  include: string[];
  /** Globs relative to the folder that are left out. */
  exclude: string[];
  maxFiles: number;
}

export interface WorkspaceFilesResult {
  uris: string[];
  /** True when there were more files than `maxFiles`. */
  truncated: boolean;
}

export const WorkspaceFilesRequest = new ProtocolRequestType<
  WorkspaceFilesParams,
  WorkspaceFilesResult,
  never,
  void,
  void
>('pythonSecurityGuide/workspaceFiles');

export interface ReadFileParams {
  uri: string;
  maxBytes: number;
}

/** The file's text (UTF-8), or why it was not read (too large, binary, gone). */
export type ReadFileResult = { text: string } | { skipped: string };

export const ReadFileRequest = new ProtocolRequestType<ReadFileParams, ReadFileResult, never, void, void>(
  'pythonSecurityGuide/readFile',
);

/** What the web client tells the worker at start: where the WASM files and the advisory data are, as URLs it can fetch. */
export interface WebInitializationOptions {
  wasm: { runtime: string; grammar: string };
  advisories: string;
  /** The extension's docs/ folder as a URI the editor opens (the links of diagnostics and hovers). */
  docs: string;
}
