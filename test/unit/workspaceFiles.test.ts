import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { importedModules } from '../../server/src/semantic/imports';
import { findPythonFiles, isSkippedPath } from '../../server/src/workspace/files';
import { nodeFileAccess } from '../../server/src/workspace/nodeFileAccess';
import { testEngine } from '../support/engine';

describe('workspace files', () => {
  let root: string;
  before(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'psg-files-')));
    for (const file of [
      'app/main.py',
      'app/vendor/lib.py',
      '.venv/lib/x.py',
      'env/pyvenv.cfg',
      'env/lib/y.py',
      'node_modules/a/b.py',
      'docs/readme.md',
      'app/build/gen.py',
    ]) {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), '');
    }
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('skips a changed file exactly when the folder walk would', () => {
    const exclude = ['**/vendor'];
    const walked = new Set(findPythonFiles([root], exclude, root).files);
    const candidates = [
      'app/main.py',
      'app/vendor/lib.py',
      '.venv/lib/x.py',
      'env/lib/y.py',
      'node_modules/a/b.py',
      'docs/readme.md',
      'app/build/gen.py',
    ].map((file) => path.join(root, file));
    for (const file of candidates) assert.strictEqual(!isSkippedPath(file, exclude, root), walked.has(file), file);
    assert.ok(walked.has(path.join(root, 'app/main.py')));
  });

  it('skips files outside the folder and files matched by a file glob', () => {
    assert.ok(isSkippedPath(path.join(path.dirname(root), 'elsewhere.py'), [], root));
    assert.ok(isSkippedPath(path.join(root, 'app/main.py'), ['app/*.py'], root));
    assert.ok(!isSkippedPath(path.join(root, 'app/main.py'), ['other/**'], root));
  });
});

describe('file access on disk', () => {
  it('stats files and folders, and gives nothing for a missing path or one through a file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'psg-stat-'));
    try {
      const file = path.join(dir, 'pyproject.toml');
      fs.writeFileSync(file, '[tool]\n');
      assert.deepStrictEqual(
        { ...nodeFileAccess.stat(file), mtimeMs: 0 },
        { isFile: true, isDirectory: false, size: 7, mtimeMs: 0 },
      );
      assert.strictEqual(nodeFileAccess.stat(dir)?.isDirectory, true);
      assert.strictEqual(nodeFileAccess.stat(path.join(dir, 'missing.toml')), undefined);
      assert.strictEqual(nodeFileAccess.stat(path.join(file, 'below-a-file')), undefined);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('imported modules', () => {
  it('lists absolute imports, with aliases and from-imports, and leaves out relative ones', async () => {
    const { parser } = await testEngine();
    const text =
      'import os, sqlite3 as db\nimport django.db.models\nfrom flask import Flask\nfrom . import sibling\nfrom .pkg import thing\n\ndef f():\n    import psycopg\n';
    const tree = parser.parse(text);
    try {
      assert.deepStrictEqual([...importedModules(parser, tree, text)].sort(), [
        'django.db.models',
        'flask',
        'os',
        'psycopg',
        'sqlite3',
      ]);
    } finally {
      tree.delete();
    }
  });
});
