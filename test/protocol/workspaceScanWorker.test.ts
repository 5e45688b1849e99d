import * as assert from 'assert';
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import {
  createProtocolConnection,
  Diagnostic,
  ProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { WorkspaceSummary, WorkspaceSummaryNotification } from '../../server/src/shared/workspaceSummary';
import { pickingApp, pickingHelpers, safePickingHelpers } from '../support/crossFileWorkspace';
import { vulnerableSource } from '../support/largeSource';
import { EventLog } from '../support/eventLog';
import { SERVER_BUNDLE } from '../support/lspServerProcess';

// The bundled server (dist/server.js, built by scripts/build.mjs) analyses the workspace scan's files
// on its worker thread (dist/scanWorker.js); these tests check what that path gives, and that the
// document being typed in does not wait behind it.

type Event =
  | { kind: 'published'; uri: string; version?: number; diagnostics: Diagnostic[] }
  | { kind: 'summary'; summary: WorkspaceSummary }
  | { kind: 'log'; message: string };

/** The server over stdio, with every publication, summary and log message in the order they arrived. */
class Recorder {
  private readonly log = new EventLog<Event>();
  private version = new Map<string, number>();

  private constructor(
    private readonly child: ChildProcess,
    readonly connection: ProtocolConnection,
  ) {
    connection.onNotification(
      'textDocument/publishDiagnostics',
      (params: { uri: string; version?: number; diagnostics: Diagnostic[] }) =>
        this.record({ kind: 'published', ...params }),
    );
    connection.onNotification(WorkspaceSummaryNotification.method, (summary: WorkspaceSummary) =>
      this.record({ kind: 'summary', summary }),
    );
    connection.onNotification('window/logMessage', (params: { message: string }) =>
      this.record({ kind: 'log', message: params.message }),
    );
    connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
    connection.onRequest('client/registerCapability', () => null);
    connection.listen();
  }

  static async start(root: string): Promise<Recorder> {
    const child = spawn(process.execPath, [SERVER_BUNDLE, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const recorder = new Recorder(
      child,
      createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin)),
    );
    const rootUri = pathToFileURL(root).toString();
    await recorder.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'workspace' }],
      capabilities: {
        workspace: { configuration: true },
        textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true } },
      },
    });
    await recorder.connection.sendNotification('initialized', {});
    return recorder;
  }

  get events(): readonly Event[] {
    return this.log.events;
  }

  private record(event: Event): void {
    this.log.record(event);
  }

  /** The first event (already seen or to come) that passes `test`. */
  when(test: (event: Event) => boolean): Promise<Event> {
    return this.log.when(test);
  }

  /** The first event after the `from`-th that passes `test`. */
  next(from: number, test: (event: Event) => boolean): Promise<Event> {
    return this.log.when(test, from);
  }

  async open(uri: string, text: string): Promise<void> {
    this.version.set(uri, 1);
    await this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'python', version: 1, text },
    });
  }

  /** Replaces the document's whole text; the new version. */
  async change(uri: string, text: string): Promise<number> {
    const version = this.version.get(uri)! + 1;
    this.version.set(uri, version);
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
    return version;
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** Tells the server that a file changed on disk (as a file watcher would). */
  changedOnDisk(uri: string): Promise<void> {
    return this.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 2 }] });
  }

  async stop(): Promise<void> {
    await this.connection.sendRequest('shutdown');
    await this.connection.sendNotification('exit');
    this.connection.dispose();
    this.child.kill();
  }
}

const isPublished =
  (uri: string, accept: (diagnostics: Diagnostic[], version?: number) => boolean = () => true) =>
  (event: Event) =>
    event.kind === 'published' && event.uri === uri && accept(event.diagnostics, event.version);
const isComplete = (event: Event) => event.kind === 'summary' && event.summary.state === 'complete';
const onWorker = (event: Event) =>
  event.kind === 'log' && /^workspace scan: \d+ files, analysed on a worker thread/.test(event.message);

const app = pickingApp;
const helpers = pickingHelpers;
const safeHelpers = safePickingHelpers;

const confidenceOf = (d: Diagnostic) => (d.data as { confidence: string }).confidence;
/** The path traversal found with high confidence; or not (with a lower one, or not at all). */
const traversal = (confidence: 'high' | 'not high') => (diagnostics: Diagnostic[]) =>
  confidence === 'high'
    ? diagnostics.some((d) => d.code === 'PSG401' && confidenceOf(d) === 'high')
    : diagnostics.every((d) => d.code !== 'PSG401' || confidenceOf(d) !== 'high');

describe('workspace scan on a worker thread (the bundled language server over stdio)', function () {
  this.timeout(240_000);
  let root: string;
  let server: Recorder | undefined;
  const uriOf = (name: string) => pathToFileURL(path.join(root, name)).toString();

  beforeEach(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'psg-scan-worker-')));
  });
  afterEach(async () => {
    await server?.stop();
    server = undefined;
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('publishes a closed file’s flow through another file, reading that file’s unsaved text while it is open', async () => {
    fs.writeFileSync(path.join(root, 'app.py'), app);
    fs.writeFileSync(path.join(root, 'helpers.py'), helpers);
    server = await Recorder.start(root);
    await server.when(onWorker);
    const complete = (await server.when(isComplete)) as Extract<Event, { kind: 'summary' }>;
    assert.strictEqual(complete.summary.pythonFiles, 2);
    assert.strictEqual(complete.summary.counts.PSG401, 1);
    assert.deepStrictEqual(complete.summary.modules, ['flask', 'helpers']);
    await server.when(isPublished(uriOf('app.py'), traversal('high')));

    // helpers.py open with text that is not saved: app.py, closed, is analysed again with that text.
    await server.open(uriOf('helpers.py'), safeHelpers);
    let from = server.events.length;
    await server.changedOnDisk(uriOf('app.py'));
    await server.next(from, isPublished(uriOf('app.py'), traversal('not high')));

    // Closed without saving: the file on disk again.
    await server.close(uriOf('helpers.py'));
    from = server.events.length;
    await server.changedOnDisk(uriOf('app.py'));
    await server.next(from, isPublished(uriOf('app.py'), traversal('high')));
  });

  it('answers a keystroke in an open document while the worker is busy with a large file of the scan', async () => {
    fs.writeFileSync(path.join(root, 'big.py'), vulnerableSource(250_000));
    server = await Recorder.start(root);
    // Logged when the files are listed, just before the first is handed to the worker.
    await server.when(onWorker);
    const typed = uriOf('typed.py');
    await server.open(typed, 'import os\n');
    const version = await server.change(typed, 'import os\n\ndef run(command):\n    os.system(command)\n');
    await server.when(isPublished(typed, (diagnostics, published) => published === version && diagnostics.length > 0));
    await server.when(isComplete);
    const order = server.events
      .filter(
        (event) =>
          isPublished(typed, (_, published) => published === version)(event) ||
          isPublished(uriOf('big.py'))(event) ||
          isComplete(event),
      )
      .map((event) => (event.kind === 'published' ? path.basename(event.uri) : 'complete'));
    assert.deepStrictEqual(order, ['typed.py', 'big.py', 'complete']);
  });
});
