import * as assert from 'assert';
import * as vscode from 'vscode';
import {
  fixtureUri,
  openFixture,
  ourDiagnostics,
  revertAll,
  waitFor,
  waitForDiagnostic,
  waitForNoDiagnostic,
} from './helpers';

describe('settings', () => {
  const section = () => vscode.workspace.getConfiguration('pythonSecurityGuide', fixtureUri('app'));

  afterEach(async () => {
    await section().update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    await revertAll();
  });

  it('turning a rule off takes effect without a reload, and back on again', async () => {
    const editor = await openFixture('app/login.py');
    const uri = editor.document.uri;
    await waitForDiagnostic(uri, 'PSG201');
    await section().update('rules', { PSG201: 'off' }, vscode.ConfigurationTarget.Workspace);
    assert.deepStrictEqual(section().get('rules'), { PSG201: 'off' });
    await waitForNoDiagnostic(uri, 'PSG201');
    await section().update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    await waitForDiagnostic(uri, 'PSG201');
  });

  it('a severity override changes the published severity', async () => {
    const editor = await openFixture('app/users.py');
    const uri = editor.document.uri;
    const before = await waitForDiagnostic(uri, 'PSG101');
    const wanted = before.severity === vscode.DiagnosticSeverity.Hint ? 'information' : 'hint';
    const expected = wanted === 'hint' ? vscode.DiagnosticSeverity.Hint : vscode.DiagnosticSeverity.Information;
    await section().update('rules', { PSG101: wanted }, vscode.ConfigurationTarget.Workspace);
    await waitFor(`PSG101 published as ${wanted}`, () => ourDiagnostics(uri, 'PSG101')[0]?.severity === expected);
  });
});
