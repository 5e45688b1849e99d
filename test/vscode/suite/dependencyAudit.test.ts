import * as assert from 'assert';
import * as vscode from 'vscode';
import {
  applyAction,
  codeActionsAt,
  extension,
  fixtureUri,
  openFixture,
  revertAll,
  waitFor,
  waitForDiagnostic,
  waitForNoDiagnostic,
} from './helpers';

/** The Markdown of the hovers at a position, as the editor's hover providers give them. */
async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers =
    (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n');
}

// Against the shipped PyPA advisory data of 2024-10-10.
describe('known vulnerabilities in requirements.txt (deps/requirements.txt)', () => {
  const file = 'deps/requirements.txt';
  before(async () => {
    await openFixture(file);
    await waitFor('the extension to activate', () => extension().isActive);
    await extension().activate();
  });
  after(revertAll);

  it('publishes PSG803 on the vulnerable pin only', async () => {
    const uri = fixtureUri(file);
    const diagnostic = await waitForDiagnostic(uri, 'PSG803');
    const document = await vscode.workspace.openTextDocument(uri);
    assert.strictEqual(document.getText(diagnostic.range), 'flask==2.2.4');
    assert.match(diagnostic.message, /PYSEC-2023-62 \(CVE-2023-30861, GHSA-m2qf-hxjv-5gpq\)/);
    assert.strictEqual(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(
      vscode.languages.getDiagnostics(uri).filter((d) => d.source === diagnostic.source).length,
      1,
      'requests==2.32.3 is outside every advisory',
    );
  });

  it('its hover links the advisory, its CVE and GHSA records, with the summary and the fixed versions', async () => {
    const uri = fixtureUri(file);
    const diagnostic = await waitForDiagnostic(uri, 'PSG803');
    const text = await hoverText(uri, diagnostic.range.start.translate(0, 2));
    assert.ok(text.includes('[PYSEC-2023-62](https://osv.dev/vulnerability/PYSEC-2023-62)'), text);
    assert.ok(text.includes('[CVE-2023-30861](https://www.cve.org/CVERecord?id=CVE-2023-30861)'), text);
    assert.ok(text.includes('[GHSA-m2qf-hxjv-5gpq](https://github.com/advisories/GHSA-m2qf-hxjv-5gpq)'), text);
    assert.match(text, /Flask is a lightweight WSGI web application framework/);
    assert.match(text, /fixed in 2\.2\.5, 2\.3\.2/);
    assert.match(text, /Dependency version with a known vulnerability/);
  });

  it('offers "Raise flask to 2.2.5" (unsafe, not preferred); applying it gives the fixed pin and the finding goes', async () => {
    const editor = await openFixture(file);
    const uri = editor.document.uri;
    const diagnostic = await waitForDiagnostic(uri, 'PSG803');
    const actions = await codeActionsAt(uri, diagnostic.range);
    const raise = actions.find((action) => action.title === 'Raise flask to 2.2.5 (installs another version)');
    assert.ok(raise, `offered: ${actions.map((action) => action.title).join(', ')}`);
    assert.notStrictEqual(raise.isPreferred, true, 'an unsafe fix is never preferred');
    await applyAction(raise);
    assert.strictEqual(editor.document.getText(), 'flask==2.2.5\nrequests==2.32.3\n');
    await waitForNoDiagnostic(uri, 'PSG803');
  });
});
