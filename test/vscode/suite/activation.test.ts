import * as assert from 'assert';
import { extension, openFixture, revertAll, waitFor } from './helpers';

// Runs first (files run in name order): nothing has opened a Python file yet.
describe('activation', () => {
  after(revertAll);

  it('activates when a Python file is opened, not before', async () => {
    const ext = extension();
    assert.strictEqual(ext.isActive, false, 'the extension was active before any Python file was opened');
    const editor = await openFixture('app/users.py');
    assert.strictEqual(editor.document.languageId, 'python');
    await waitFor('the extension to activate', () => ext.isActive);
    // Resolves only when activate() succeeded; rejects with the error it threw.
    await ext.activate();
  });
});
