import { ChildProcess, spawn } from 'child_process';
import * as path from 'path';
import {
  CodeAction,
  CodeActionRequest,
  createProtocolConnection,
  Diagnostic,
  FileChangeType,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  InitializedNotification,
  InitializeRequest,
  ProtocolConnection,
  PublishDiagnosticsNotification,
  PublishDiagnosticsParams,
  Range,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocumentEdit,
  TextEdit,
  WorkDoneProgress,
  WorkDoneProgressCreateRequest,
} from 'vscode-languageserver-protocol/node';
import { LineIndex } from '../../server/src/core/text';

export const SERVER = path.join(__dirname, '..', '..', 'dist', 'server.js');

/**
 * Applies LSP text edits to a text. Every edit refers to the text before any of them; edits at the
 * same position apply in the order given (an insert listed before a replace starting there comes
 * first in the result), as the LSP specification says. Overlapping edits throw.
 */
export function applyLspEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  const offsets = edits
    .map((edit, index) => ({
      index,
      start: lines.offset(edit.range.start.line, edit.range.start.character),
      end: lines.offset(edit.range.end.line, edit.range.end.character),
      newText: edit.newText,
    }))
    .sort((a, b) => a.start - b.start || a.index - b.index);
  let result = '';
  let cursor = 0;
  for (const edit of offsets) {
    if (edit.end < edit.start) throw new Error(`edit ${edit.index} ends before it starts`);
    if (edit.start < cursor) throw new Error(`edit ${edit.index} overlaps an edit before it`);
    result += text.slice(cursor, edit.start) + edit.newText;
    cursor = edit.end;
  }
  return result + text.slice(cursor);
}

/**
 * The built language server in a child process, spoken to over stdio with a real JSON-RPC
 * connection. Keeps every document's text so tests can edit incrementally and check results.
 */
export class LspTestClient {
  readonly connection: ProtocolConnection;
  readonly texts = new Map<string, { version: number; text: string }>();
  private readonly published = new Map<string, PublishDiagnosticsParams>();
  private waiters: (() => void)[] = [];
  /** Server notifications of the methods passed as `record` to `start`, in arrival order. */
  readonly notifications: { method: string; params: unknown }[] = [];
  /** `$/progress` values of the work-done progress the server created (with `progress: true`). */
  readonly progress: { token: string | number; value: { kind: string; cancellable?: boolean; percentage?: number } }[] =
    [];
  exited = false;

  private constructor(readonly child: ChildProcess) {
    this.connection = createProtocolConnection(
      new StreamMessageReader(child.stdout!),
      new StreamMessageWriter(child.stdin!),
    );
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.published.set(params.uri, params);
      this.wake();
    });
    child.on('exit', () => (this.exited = true));
    this.connection.listen();
  }

  /**
   * Starts the server; workspace folder, settings (by section), notifications to record and
   * work-done progress support are optional. The client declares `workspace.workspaceEdit.documentChanges`
   * (versioned edits) unless `documentChanges` is false.
   */
  static async start(
    options: {
      rootUri?: string;
      settings?: Record<string, unknown>;
      env?: NodeJS.ProcessEnv;
      record?: string[];
      progress?: boolean;
      documentChanges?: boolean;
    } = {},
  ): Promise<LspTestClient> {
    const child = spawn(process.execPath, [SERVER, '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, ...options.env },
    });
    child.stderr.resume();
    const client = new LspTestClient(child);
    const settings = options.settings ?? {};
    for (const method of options.record ?? []) {
      client.connection.onNotification(method, (params: unknown) => {
        client.notifications.push({ method, params });
        client.wake();
      });
    }
    client.connection.onRequest(WorkDoneProgressCreateRequest.type, ({ token }) => {
      client.connection.onProgress(WorkDoneProgress.type, token, (value) => {
        client.progress.push({ token, value });
        client.wake();
      });
      return null;
    });
    client.connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
      params.items.map((item) => (item.section ? (settings[item.section] ?? null) : settings)),
    );
    await client.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: options.rootUri ?? null,
      workspaceFolders: options.rootUri ? [{ uri: options.rootUri, name: 'workspace' }] : null,
      capabilities: {
        workspace: {
          configuration: true,
          ...(options.documentChanges === false ? {} : { workspaceEdit: { documentChanges: true } }),
        },
        textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true } },
        ...(options.progress ? { window: { workDoneProgress: true } } : {}),
      },
    });
    await client.connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  async open(uri: string, text: string, languageId = 'python'): Promise<void> {
    this.texts.set(uri, { version: 1, text });
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId, version: 1, text },
    });
  }

  /** Sends one incremental change (range replaced by `newText`) and returns the new version. */
  async edit(uri: string, range: Range, newText: string): Promise<number> {
    const document = this.texts.get(uri)!;
    const version = document.version + 1;
    this.texts.set(uri, { version, text: applyLspEdits(document.text, [{ range, newText }]) });
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ range, text: newText }],
    });
    return version;
  }

  /**
   * The edits of `uri` a code action carries, as `changes` or as `documentChanges`. A
   * `TextDocumentEdit` must name the version this client holds, as an editor checks before applying.
   */
  editsOf(action: CodeAction, uri: string): TextEdit[] {
    const edit = action.edit;
    if (!edit) throw new Error(`code action "${action.title}" carries no edit`);
    if (edit.documentChanges) {
      const own = edit.documentChanges.filter(
        (change): change is TextDocumentEdit => TextDocumentEdit.is(change) && change.textDocument.uri === uri,
      );
      if (own.length !== 1 || edit.documentChanges.length !== 1)
        throw new Error(
          `code action "${action.title}" should edit ${uri} alone, once: ${JSON.stringify(edit.documentChanges)}`,
        );
      const version = this.texts.get(uri)?.version;
      if (own[0].textDocument.version !== version)
        throw new Error(
          `code action "${action.title}" edits version ${own[0].textDocument.version} of ${uri}, the client has version ${version}`,
        );
      return own[0].edits;
    }
    const edits = edit.changes?.[uri];
    if (!edits) throw new Error(`code action "${action.title}" has no edit of ${uri}: ${JSON.stringify(edit)}`);
    return edits;
  }

  /** Applies a code action's edit of `uri` (`changes` or versioned `documentChanges`, see `editsOf`) and returns the new version. */
  applyAction(uri: string, action: CodeAction): Promise<number> {
    return this.applyEdits(uri, this.editsOf(action, uri));
  }

  /** Applies several edits (as one code action would) by sending them as incremental changes, last first. */
  async applyEdits(uri: string, edits: readonly TextEdit[]): Promise<number> {
    // Last first; of edits at the same position the one given last goes first, so they end up in the order given.
    const sorted = edits
      .map((edit, index) => ({ edit, index }))
      .sort(
        (a, b) =>
          b.edit.range.start.line - a.edit.range.start.line ||
          b.edit.range.start.character - a.edit.range.start.character ||
          b.index - a.index,
      )
      .map(({ edit }) => edit);
    const document = this.texts.get(uri)!;
    const version = document.version + 1;
    this.texts.set(uri, { version, text: applyLspEdits(document.text, edits) });
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: sorted.map((edit) => ({ range: edit.range, text: edit.newText })),
    });
    return version;
  }

  async replaceAll(uri: string, text: string): Promise<number> {
    const document = this.texts.get(uri)!;
    const version = document.version + 1;
    this.texts.set(uri, { version, text });
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
    return version;
  }

  /** Waits for diagnostics of `uri` at `version` (or any version when omitted). */
  diagnostics(uri: string, version?: number, timeoutMs = 20000): Promise<Diagnostic[]> {
    return this.waitForPublication(
      uri,
      (params) => version === undefined || params.version === version,
      `at version ${version ?? 'any'}`,
      timeoutMs,
    );
  }

  /** Waits until the diagnostics published for `uri` satisfy `predicate` (for changes that keep the version). */
  diagnosticsWhere(
    uri: string,
    predicate: (diagnostics: Diagnostic[]) => boolean,
    timeoutMs = 20000,
  ): Promise<Diagnostic[]> {
    return this.waitForPublication(
      uri,
      (params) => predicate(params.diagnostics),
      'matching the expectation',
      timeoutMs,
    );
  }

  private async waitForPublication(
    uri: string,
    accept: (params: PublishDiagnosticsParams) => boolean,
    what: string,
    timeoutMs: number,
  ): Promise<Diagnostic[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const current = this.published.get(uri);
      if (current && accept(current)) return current.diagnostics;
      if (this.exited) throw new Error('the server exited');
      if (Date.now() > deadline)
        throw new Error(
          `no diagnostics for ${uri} ${what} (last: ${JSON.stringify(current?.diagnostics.map((d) => d.code))})`,
        );
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(1, deadline - Date.now()));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Resolves with the first truthy value of `predicate`, checked after every message from the server. */
  async waitFor<T>(what: string, predicate: () => T | undefined | null | false, timeoutMs = 30000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = predicate();
      if (value) return value;
      if (this.exited) throw new Error(`the server exited while waiting for ${what}`);
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(1, deadline - Date.now()));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The last published diagnostics of `uri`, without waiting. */
  lastPublished(uri: string): PublishDiagnosticsParams | undefined {
    return this.published.get(uri);
  }

  publishedUris(): string[] {
    return [...this.published.keys()];
  }

  notificationsOf<T>(method: string, from = 0): T[] {
    return this.notifications
      .slice(from)
      .filter((n) => n.method === method)
      .map((n) => n.params as T);
  }

  async close(uri: string): Promise<void> {
    this.texts.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** Tells the server that files changed on disk (1 created, 2 changed, 3 deleted), as a file watcher would. */
  async filesChanged(changes: { uri: string; type: FileChangeType }[]): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach((wake) => wake());
  }

  async codeActions(uri: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const result = await this.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range,
      context: { diagnostics, only },
    });
    return (result ?? []) as CodeAction[];
  }

  text(uri: string): string {
    return this.texts.get(uri)!.text;
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([
        this.connection.sendRequest('shutdown'),
        new Promise((resolve) => setTimeout(resolve, 2000)),
      ]);
      await this.connection.sendNotification('exit');
    } catch {
      // The server may already be gone.
    }
    this.connection.dispose();
    if (!this.exited) this.child.kill();
  }
}
