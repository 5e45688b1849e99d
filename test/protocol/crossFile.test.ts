import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { FileChangeType, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { pickingHelpers } from '../support/crossFileWorkspace';
import { dedent } from '../support/engine';
import { LspTestClient } from '../support/lspClient';

const actions = dedent(`
  import subprocess


  def run(command):
      subprocess.run(f"echo {command}", shell=True)
`);

const app = dedent(`
  from flask import Flask, request
  from actions import run
  from helpers import pick

  app = Flask(__name__)


  @app.route("/run")
  def start():
      run(request.args["c"])


  @app.route("/read")
  def read():
      name = pick(request.args["n"], "default.txt")
      return open(f"/srv/files/{name}").read()
`);

const helpers = pickingHelpers;

const confidenceOf = (d: Diagnostic) => (d.data as { confidence: string }).confidence;

describe('protocol: flows across files of the workspace', () => {
  let client: LspTestClient;
  let root: string;
  const uriOf = (name: string) => pathToFileURL(path.join(root, name)).toString();
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'psg-cross-file-'));
    fs.writeFileSync(path.join(root, 'actions.py'), actions);
    fs.writeFileSync(path.join(root, 'app.py'), app);
    fs.writeFileSync(path.join(root, 'helpers.py'), helpers);
  });
  afterEach(async () => {
    await client?.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('reports a sink in one file reached from a caller in another, and re-checks it when the caller changes', async () => {
    client = await LspTestClient.start({ rootUri: pathToFileURL(root).toString() });
    await client.open(uriOf('actions.py'), actions);
    const reported = await client.diagnosticsWhere(uriOf('actions.py'), (list) =>
      list.some((d) => d.code === 'PSG102' && confidenceOf(d) === 'high'),
    );
    const shell = reported.find((d) => d.code === 'PSG102')!;
    const related = shell.relatedInformation ?? [];
    const inApp = related.filter((r) => r.location.uri === uriOf('app.py'));
    assert.ok(inApp.length >= 2, `steps in app.py: ${JSON.stringify(related)}`);
    // Zero-based line 9 of app.py: `run(request.args["c"])`.
    assert.ok(inApp.every((r) => r.location.range.start.line === 9));
    assert.ok(related.some((r) => r.location.uri === uriOf('actions.py')));

    // The caller now passes a constant: the sink's finding follows (only the parameter's unknown origin is left).
    await client.open(uriOf('app.py'), app);
    const line = app.split('\n')[9];
    await client.edit(
      uriOf('app.py'),
      { start: { line: 9, character: line.indexOf('request') }, end: { line: 9, character: line.indexOf(')') } },
      '"status"',
    );
    await client.diagnosticsWhere(uriOf('actions.py'), (list) =>
      list.every((d) => d.code !== 'PSG102' || confidenceOf(d) !== 'high'),
    );
  });

  it('follows a helper of another file as it is edited, saved or not', async () => {
    client = await LspTestClient.start({ rootUri: pathToFileURL(root).toString() });
    await client.open(uriOf('app.py'), app);
    const before = await client.diagnosticsWhere(uriOf('app.py'), (list) => list.some((d) => d.code === 'PSG401'));
    const traversal = before.find((d) => d.code === 'PSG401')!;
    assert.strictEqual(confidenceOf(traversal), 'high');

    await client.open(uriOf('helpers.py'), helpers);
    const line = helpers.split('\n')[1];
    await client.edit(
      uriOf('helpers.py'),
      { start: { line: 1, character: line.indexOf('first') }, end: { line: 1, character: line.length } },
      'second',
    );
    await client.diagnosticsWhere(uriOf('app.py'), (list) =>
      list.every((d) => d.code !== 'PSG401' || confidenceOf(d) !== 'high'),
    );
  });
  it('re-checks a finding kept through edits of its document when the helper it read changes on disk', async () => {
    client = await LspTestClient.start({ rootUri: pathToFileURL(root).toString() });
    await client.open(uriOf('app.py'), app);
    await client.diagnosticsWhere(uriOf('app.py'), (list) =>
      list.some((d) => d.code === 'PSG401' && confidenceOf(d) === 'high'),
    );
    // An edit in `start()`: `read()`'s finding, which read helpers.py, is kept without analysing `read()` again.
    const appLine = app.split('\n')[9];
    const key = appLine.indexOf('"c"') + 1;
    const version = await client.edit(
      uriOf('app.py'),
      { start: { line: 9, character: key }, end: { line: 9, character: key + 1 } },
      'd',
    );
    const kept = await client.diagnostics(uriOf('app.py'), version);
    assert.ok(kept.some((d) => d.code === 'PSG401' && confidenceOf(d) === 'high'));
    // helpers.py changes on disk: `pick` now returns its constant argument.
    const line = helpers.split('\n')[1];
    fs.writeFileSync(
      path.join(root, 'helpers.py'),
      helpers.replace(line, `${line.slice(0, line.indexOf('first'))}second`),
    );
    await client.filesChanged([{ uri: uriOf('helpers.py'), type: FileChangeType.Changed }]);
    await client.diagnosticsWhere(uriOf('app.py'), (list) =>
      list.every((d) => d.code !== 'PSG401' || confidenceOf(d) !== 'high'),
    );
  });
});
