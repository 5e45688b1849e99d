import * as assert from 'assert';
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import {
  createProtocolConnection,
  ProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { EventLog } from '../support/eventLog';
import { SERVER_BUNDLE } from '../support/lspServerProcess';
import { vulnerableSource } from '../support/largeSource';

const examples = path.join(__dirname, '..', '..', 'examples');

type Event =
  | { kind: 'published'; uri: string; version?: number; findings: number; fixes: number }
  | { kind: 'complete'; uri: string; version: number };

/** The server over stdio, with every publication and completion in the order they arrived. */
class Recorder {
  private readonly log = new EventLog<Event>();

  private constructor(
    private readonly child: ChildProcess,
    readonly connection: ProtocolConnection,
  ) {
    connection.onNotification(
      'textDocument/publishDiagnostics',
      (params: { uri: string; version?: number; diagnostics: { data?: { fix?: unknown } }[] }) =>
        this.record({
          kind: 'published',
          uri: params.uri,
          version: params.version,
          findings: params.diagnostics.length,
          fixes: params.diagnostics.filter((d) => d.data?.fix).length,
        }),
    );
    connection.onNotification('pythonSecurityGuide/diagnosticsComplete', (params: { uri: string; version: number }) =>
      this.record({ kind: 'complete', ...params }),
    );
    connection.onRequest('workspace/configuration', () => []);
    connection.onRequest('client/registerCapability', () => null);
    connection.onNotification('window/logMessage', () => undefined);
    connection.listen();
  }

  static async start(): Promise<Recorder> {
    const child = spawn(process.execPath, [SERVER_BUNDLE, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const recorder = new Recorder(
      child,
      createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin)),
    );
    await recorder.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: null,
      capabilities: {},
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

  open(uri: string, text: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'python', version: 1, text },
    });
  }

  async stop(): Promise<void> {
    await this.connection.sendRequest('shutdown');
    await this.connection.sendNotification('exit');
    this.connection.dispose();
    this.child.kill();
  }
}

const published = (uri: string, version: number) => (event: Event) =>
  event.kind === 'published' && event.uri === uri && event.version === version;
const complete = (uri: string, version: number) => (event: Event) =>
  event.kind === 'complete' && event.uri === uri && event.version === version;

describe('fix checks of large documents over stdio', function () {
  this.timeout(240_000);
  let server: Recorder;
  const text = vulnerableSource(250_000);

  beforeEach(async () => {
    server = await Recorder.start();
  });
  afterEach(async () => {
    await server.stop();
  });

  it('checks the fixes of a large file with hundreds of findings, while another document gets its diagnostics first', async () => {
    const big = 'untitled:big.py';
    const small = 'untitled:small.py';
    await server.open(big, text);
    const first = (await server.when(published(big, 1))) as Extract<Event, { kind: 'published' }>;
    assert.ok(first.findings > 1000, `${first.findings} findings`);
    assert.strictEqual(first.fixes, 0, 'the findings come first, the fixes once checked');
    // Fix checks start once typing pauses; a document opened while they run is analysed before they finish.
    await new Promise((resolve) => setTimeout(resolve, 400));
    await server.open(small, fs.readFileSync(path.join(examples, 'app.py'), 'utf8'));
    await server.when(complete(big, 1));
    const order = server.events
      .filter((event) => event.uri === small || event.kind === 'complete')
      .map((event) => `${event.kind} ${event.uri}`);
    assert.ok(
      order.indexOf(`published ${small}`) >= 0 &&
        order.indexOf(`published ${small}`) < order.indexOf(`complete ${big}`),
      order.join(', '),
    );
    const final = server.events.filter(published(big, 1)).pop() as Extract<Event, { kind: 'published' }>;
    assert.strictEqual(final.findings, first.findings);
    // Every fixable finding of this file gets its fix checked and kept (hundreds of them, well within the budget).
    assert.ok(final.fixes > first.findings / 2, `${final.fixes} of ${first.findings} findings have a checked fix`);
  });

  it('abandons the fix checks of a version once a newer one arrives', async () => {
    const uri = 'untitled:typing.py';
    await server.open(uri, text);
    await server.when(published(uri, 1));
    await new Promise((resolve) => setTimeout(resolve, 400));
    // An edit inside a function body while version 1's fixes are being checked.
    const line = text.split('\n').findIndex((l) => l.startsWith('def monthly_totals_40('));
    await server.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [
        {
          range: { start: { line: line + 1, character: 4 }, end: { line: line + 1, character: 4 } },
          text: 'total = 0\n    ',
        },
      ],
    });
    await server.when(complete(uri, 2));
    assert.ok(!server.events.some(complete(uri, 1)), 'version 1 was never completed');
    const firstOfTwo = server.events.findIndex(published(uri, 2));
    assert.ok(
      !server.events.slice(firstOfTwo).some(published(uri, 1)),
      'nothing of version 1 was published after version 2',
    );
    const final = server.events.filter(published(uri, 2)).pop() as Extract<Event, { kind: 'published' }>;
    assert.ok(final.fixes > final.findings / 2, `${final.fixes} of ${final.findings} findings have a checked fix`);
  });
});
