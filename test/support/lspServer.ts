import * as assert from 'assert';
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import {
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeWatchedFilesNotification,
  ExitNotification,
  InitializedNotification,
  InitializeParams,
  InitializeRequest,
  InitializeResult,
  ProtocolConnection,
  PublishDiagnosticsNotification,
  PublishDiagnosticsParams,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  WorkDoneProgress,
  WorkDoneProgressCreateRequest,
} from 'vscode-languageserver-protocol/node';

export const serverBundle = path.join(__dirname, '..', '..', 'dist', 'server.js');

export interface TestServerOptions {
  workspaceFolders?: { uri: string; name: string }[];
  /** Answers `workspace/configuration` for a section and scope; undefined means "not set". */
  configuration?: (section: string | undefined, scopeUri: string | undefined) => unknown;
  /** Methods of server notifications (beyond diagnostics and progress) to keep in `notifications`. */
  record?: string[];
  /** Client capabilities beyond the defaults (configuration, progress). */
  capabilities?: InitializeParams['capabilities'];
}

/**
 * The built language server (dist/server.js) in a child process over stdio, driven as an editor
 * would: initialize, notifications in, diagnostics and custom notifications out.
 */
export class TestServer {
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  readonly notifications: { method: string; params: unknown }[] = [];
  readonly progress: { token: string | number; value: unknown }[] = [];
  private readonly waiters: (() => void)[] = [];
  private stderr = '';

  private constructor(
    readonly connection: ProtocolConnection,
    private readonly child: ChildProcess,
  ) {}

  static async start(options: TestServerOptions = {}): Promise<{ server: TestServer; result: InitializeResult }> {
    assert.ok(fs.existsSync(serverBundle), `${serverBundle} is missing: run \`npm run build\` first`);
    const child = spawn(process.execPath, [serverBundle, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const server = new TestServer(connection, child);
    child.stderr!.on('data', (chunk: Buffer) => (server.stderr += chunk.toString()));
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      server.diagnostics.set(params.uri, params);
      server.wake();
    });
    for (const method of options.record ?? []) {
      connection.onNotification(method, (params: unknown) => {
        server.notifications.push({ method, params });
        server.wake();
      });
    }
    connection.onRequest(ConfigurationRequest.type, (params) => params.items.map((item) => options.configuration?.(item.section, item.scopeUri) ?? null));
    connection.onRequest(WorkDoneProgressCreateRequest.type, ({ token }) => {
      connection.onProgress(WorkDoneProgress.type, token, (value) => {
        server.progress.push({ token, value });
        server.wake();
      });
      return null;
    });
    connection.onRequest(RegistrationRequest.type, () => null);
    connection.listen();
    const result = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: options.workspaceFolders?.[0]?.uri ?? null,
      workspaceFolders: options.workspaceFolders ?? null,
      capabilities: options.capabilities ?? { workspace: { configuration: true, workspaceFolders: true }, window: { workDoneProgress: true } },
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return { server, result };
  }

  /** Resolves once `predicate` holds, checked after every message from the server; fails after `timeoutMs`. */
  async waitFor<T>(what: string, predicate: () => T | undefined | false, timeoutMs = 30000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = predicate();
      if (value) return value;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}${this.stderr ? `\nserver stderr:\n${this.stderr}` : ''}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  notificationsOf<T>(method: string): T[] {
    return this.notifications.filter((n) => n.method === method).map((n) => n.params as T);
  }

  async filesChanged(changes: { uri: string; type: 1 | 2 | 3 }[]): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest(ShutdownRequest.type), new Promise((resolve) => setTimeout(resolve, 5000))]);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // The process may already be gone.
    }
    await new Promise<void>((resolve) => {
      if (this.child.exitCode !== null) return resolve();
      const timer = setTimeout(() => {
        this.child.kill();
        resolve();
      }, 5000);
      this.child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    this.connection.dispose();
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }
}
