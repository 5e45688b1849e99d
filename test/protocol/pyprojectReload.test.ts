import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { FileChangeType } from 'vscode-languageserver-protocol/node';
import { LspTestClient } from '../support/lspClient';

const leak = 'import logging\n\ndef connect(password):\n    logging.info(f"connecting with {password}")\n';
const psg201Off = '[tool.python-security-guide.rules]\nPSG201 = "off"\n';
const psg201On = '[tool.python-security-guide.rules]\nPSG201 = "warning"\n';

/** Open documents follow a pyproject.toml written on disk, with no edit of theirs, within a second. */
describe('pyproject.toml changes re-analyse open documents (language server over stdio)', function () {
  this.timeout(60000);
  let root: string;
  let client: LspTestClient;

  before(async () => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'psg-pyproject-')));
    fs.writeFileSync(path.join(root, 'app.py'), leak);
    client = await LspTestClient.start({ rootUri: pathToFileURL(root).toString() });
  });

  after(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const codes = (diagnostics: { code?: string | number }[]) => diagnostics.map((d) => d.code);
  const withinASecond = { timeoutMs: 1000 };

  it('created, changed and deleted: the diagnostics update without a document edit', async () => {
    const uri = pathToFileURL(path.join(root, 'app.py')).toString();
    const pyproject = path.join(root, 'pyproject.toml');
    const pyprojectUri = pathToFileURL(pyproject).toString();
    await client.open(uri, leak);
    assert.deepStrictEqual(codes(await client.diagnostics(uri, 1)), ['PSG201']);

    // Created: the rule is turned off.
    fs.writeFileSync(pyproject, psg201Off);
    await client.filesChanged([{ uri: pyprojectUri, type: FileChangeType.Created }]);
    await client.diagnosticsWhere(uri, (diagnostics) => diagnostics.length === 0, withinASecond.timeoutMs);

    // Changed: back on.
    fs.writeFileSync(pyproject, psg201On);
    await client.filesChanged([{ uri: pyprojectUri, type: FileChangeType.Changed }]);
    await client.diagnosticsWhere(uri, (diagnostics) => codes(diagnostics).includes('PSG201'), withinASecond.timeoutMs);

    // Changed again (off), then deleted: the defaults apply again.
    fs.writeFileSync(pyproject, psg201Off);
    await client.filesChanged([{ uri: pyprojectUri, type: FileChangeType.Changed }]);
    await client.diagnosticsWhere(uri, (diagnostics) => diagnostics.length === 0, withinASecond.timeoutMs);
    fs.rmSync(pyproject);
    await client.filesChanged([{ uri: pyprojectUri, type: FileChangeType.Deleted }]);
    const after = await client.diagnosticsWhere(
      uri,
      (diagnostics) => codes(diagnostics).includes('PSG201'),
      withinASecond.timeoutMs,
    );
    assert.deepStrictEqual(codes(after), ['PSG201']);
    assert.strictEqual(client.lastPublished(uri)?.version, 1, 'the document was never edited');
  });
});
