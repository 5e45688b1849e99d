import * as assert from 'assert';
import { extension, openFixture, revertAll, waitFor } from './helpers';

// Runs first (files run in name order): nothing has opened a Python file yet.
describe('activation', () => {
  after(revertAll);

  it('activates as its activation events say, and activate() succeeds', async () => {
    const ext = extension();
    const events = (ext.packageJSON as { activationEvents?: string[] }).activationEvents ?? [];
    if (events.some((event) => event.startsWith('workspaceContains:'))) {
      // The fixture workspace holds Python files: the extension starts without any file being opened.
      await waitFor('the extension to activate for a workspace with Python files', () => ext.isActive);
    } else {
      assert.strictEqual(ext.isActive, false, 'the extension was active before any Python file was opened');
    }
    const editor = await openFixture('app/users.py');
    assert.strictEqual(editor.document.languageId, 'python');
    await waitFor('the extension to activate', () => ext.isActive);
    // Resolves only when activate() succeeded; rejects with the error it threw.
    await ext.activate();
  });
});
