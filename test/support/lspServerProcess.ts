import * as assert from 'assert';
import { ChildProcess, spawn } from 'child_process';
import * as path from 'path';
import {
  CodeAction,
  CodeActionRequest,
  ConfigurationRequest,
  createProtocolConnection,
  Diagnostic,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  ProtocolConnection,
  PublishDiagnosticsNotification,
  PublishDiagnosticsParams,
  ShowMessageNotification,
  ShowMessageRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { DiagnosticsCompleteNotification } from '../../server/src/shared/workspaceSummary';

export const SERVER_BUNDLE = path.join(__dirname, '..', '..', 'dist', 'server.js');

export interface ServerMessage {
  type: number;
  message: string;
}

export interface LspClientOptions {
  /** Answers `workspace/configuration` for the `pythonSecurityGuide` section (per scope URI). */
  settings?: (scopeUri: string | undefined) => unknown;
  /** Leave `window/showMessageRequest` unhandled (the answer is then an error), as some clients do. */
  refuseMessageRequests?: boolean;
}

/**
 * Drives the bundled language server over stdio, as an editor would: initialize, open, change,
 * close, code actions, and waits for the diagnostics published for a given document version.
 * Notices when the server process dies, so a test fails with its exit code and stderr instead of
 * waiting forever.
 */
export class LspClient {
  readonly messages: ServerMessage[] = [];
  private readonly latest = new Map<string, PublishDiagnosticsParams>();
  private readonly waiters: {
    uri: string;
    version: number | undefined;
    resolve: (p: PublishDiagnosticsParams) => void;
    reject: (e: Error) => void;
  }[] = [];
  /** Versions whose diagnostics the server said are final, per document, and who waits for one. */
  private readonly completed = new Map<string, Set<number>>();
  private readonly completeWaiters: { uri: string; version: number; resolve: () => void }[] = [];
  private stderr = '';
  private exit: { code: number | null; signal: string | null } | undefined;
  /** Rejects when the server process exits, so no request waits forever on a dead server. */
  private readonly exited: Promise<never>;

  private constructor(
    private readonly process: ChildProcess,
    private readonly connection: ProtocolConnection,
  ) {
    this.exited = new Promise<never>((_, reject) =>
      process.once('exit', (code) => reject(new Error(`language server exited (code ${code})\n${this.stderr}`))),
    );
    this.exited.catch(() => undefined);
  }

  static async start(options: LspClientOptions = {}): Promise<LspClient> {
    const child = spawn(process.execPath, [SERVER_BUNDLE, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createProtocolConnection(
      new StreamMessageReader(child.stdout),
      new StreamMessageWriter(child.stdin),
    );
    const client = new LspClient(child, connection);
    child.stderr.on('data', (chunk: Buffer) => {
      client.stderr = (client.stderr + chunk.toString()).slice(-20_000);
    });
    child.on('exit', (code, signal) => {
      client.exit = { code, signal };
      const error = new Error(`language server exited (code ${code}, signal ${signal})\n${client.stderr}`);
      for (const waiter of client.waiters.splice(0)) waiter.reject(error);
    });
    child.stdin.on('error', () => undefined);
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => client.published(params));
    connection.onNotification(DiagnosticsCompleteNotification, ({ uri, version }) => {
      let versions = client.completed.get(uri);
      if (!versions) client.completed.set(uri, (versions = new Set()));
      versions.add(version);
      for (const waiter of client.completeWaiters.filter((w) => w.uri === uri && w.version === version)) {
        client.completeWaiters.splice(client.completeWaiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    });
    connection.onNotification(LogMessageNotification.type, (params) => client.messages.push(params));
    connection.onNotification(ShowMessageNotification.type, (params) => client.messages.push(params));
    if (!options.refuseMessageRequests) {
      connection.onRequest(ShowMessageRequest.type, (params) => {
        client.messages.push(params);
        return null;
      });
    }
    connection.onRequest(ConfigurationRequest.type, (params) =>
      params.items.map((item) =>
        item.section === 'pythonSecurityGuide' ? (options.settings?.(item.scopeUri) ?? null) : null,
      ),
    );
    connection.onError(() => undefined);
    connection.listen();
    await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities: {
        workspace: { configuration: !!options.settings, didChangeConfiguration: { dynamicRegistration: false } },
      },
      workspaceFolders: null,
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  /** True while the server process is running. */
  get alive(): boolean {
    return this.exit === undefined;
  }

  get exitStatus(): { code: number | null; signal: string | null } | undefined {
    return this.exit;
  }

  get serverStderr(): string {
    return this.stderr;
  }

  async open(uri: string, text: string, version = 1): Promise<void> {
    this.latest.delete(uri);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'python', version, text },
    });
  }

  async change(uri: string, version: number, contentChanges: TextDocumentContentChangeEvent[]): Promise<void> {
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges,
    });
  }

  async close(uri: string): Promise<void> {
    this.latest.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async configurationChanged(): Promise<void> {
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  }

  codeActions(uri: string, diagnostics: Diagnostic[]): Promise<CodeAction[]> {
    const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const answer = this.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range,
      context: { diagnostics },
    }) as Promise<CodeAction[]>;
    return Promise.race([answer, this.exited]);
  }

  /** The diagnostics published for `uri` at `version` (or the next publication when no version is given). */
  diagnostics(uri: string, version?: number): Promise<Diagnostic[]> {
    const seen = this.latest.get(uri);
    if (seen && (version === undefined || seen.version === version)) return Promise.resolve(seen.diagnostics);
    if (this.exit) return Promise.reject(new Error(`language server exited (code ${this.exit.code})\n${this.stderr}`));
    return new Promise<PublishDiagnosticsParams>((resolve, reject) =>
      this.waiters.push({ uri, version, resolve, reject }),
    ).then((p) => p.diagnostics);
  }

  /** The final diagnostics of `uri` at `version`: after the server said they are complete (fixes checked, tree parsed afresh). */
  async complete(uri: string, version: number): Promise<Diagnostic[]> {
    if (!this.completed.get(uri)?.has(version)) {
      await Promise.race([
        new Promise<void>((resolve) => this.completeWaiters.push({ uri, version, resolve })),
        this.exited,
      ]);
    }
    const latest = this.latest.get(uri);
    assert.strictEqual(
      latest?.version,
      version,
      `the last diagnostics of ${uri} are for version ${latest?.version}, not ${version}`,
    );
    return latest.diagnostics;
  }

  async stop(): Promise<void> {
    if (this.exit) {
      this.connection.dispose();
      return;
    }
    const exited = new Promise<void>((resolve) => this.process.once('exit', () => resolve()));
    try {
      await Promise.race([
        this.connection.sendRequest(ShutdownRequest.type),
        new Promise((resolve) => setTimeout(resolve, 5000)),
      ]);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // The process is killed below.
    }
    const timer = setTimeout(() => this.process.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
    this.connection.dispose();
  }

  private published(params: PublishDiagnosticsParams): void {
    this.latest.set(params.uri, params);
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      const waiter = this.waiters[i];
      if (waiter.uri === params.uri && (waiter.version === undefined || waiter.version === params.version)) {
        this.waiters.splice(i, 1);
        waiter.resolve(params);
      }
    }
  }
}
