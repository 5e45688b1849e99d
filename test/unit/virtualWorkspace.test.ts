import * as assert from 'assert';
import { fileURLToPath, pathToFileURL } from 'url';
import type { Connection, PublishDiagnosticsParams } from 'vscode-languageserver';
import { SettingsResolver } from '../../server/src/config/resolver';
import { FileEngine } from '../../server/src/engine/fileEngine';
import { FileSnapshot } from '../../server/src/lsp/fileSnapshot';
import { filePathOf, fileUriOf } from '../../server/src/lsp/uris';
import { VirtualWorkspaceScan } from '../../server/src/lsp/virtualWorkspaceScan';
import { allFileRules, allRules } from '../../server/src/rules';
import {
  ReadFileRequest,
  VIRTUAL_WORKSPACE_MAX_FILES,
  WorkspaceFilesRequest,
  type ReadFileParams,
  type WorkspaceFilesParams,
} from '../../server/src/shared/virtualWorkspace';
import { WorkspaceSummaryNotification, type WorkspaceSummary } from '../../server/src/shared/workspaceSummary';
import { testEngine } from '../support/engine';
import { useNodeAdvisories } from '../../server/src/workspace/nodeFileAccess';

// The web worker fetches the shipped advisory data; here it is read from disk.
useNodeAdvisories();

const root = 'vscode-vfs://github/acme/shop';
const sql =
  'import sqlite3\n\ndef find(conn, name):\n    conn.execute(f"SELECT * FROM users WHERE name = \'{name}\'")\n';

/**
 * A virtual workspace scan over a client that answers the two requests from `files` (URI → text),
 * as the browser client does with `vscode.workspace.findFiles` and `vscode.workspace.fs`.
 */
async function scanOf(files: Record<string, string>, settings?: Record<string, unknown>) {
  const { engine } = await testEngine();
  const published = new Map<string, PublishDiagnosticsParams>();
  const summaries: WorkspaceSummary[] = [];
  const listed: WorkspaceFilesParams[] = [];
  const read: string[] = [];
  const warnings: string[] = [];
  const connection = {
    sendRequest: async (type: { method: string }, params: unknown) => {
      if (type.method === WorkspaceFilesRequest.method) {
        const { folder, include, maxFiles } = params as WorkspaceFilesParams;
        listed.push(params as WorkspaceFilesParams);
        assert.ok(include.includes('**/*.{py,pyw}'));
        const uris = Object.keys(files)
          .filter((uri) => uri.startsWith(`${folder}/`))
          .sort();
        return { uris: uris.slice(0, maxFiles), truncated: uris.length > maxFiles };
      }
      if (type.method === ReadFileRequest.method) {
        const { uri, maxBytes } = params as ReadFileParams;
        read.push(uri);
        const text = files[uri];
        if (text === undefined) return { skipped: 'gone' };
        return text.length > maxBytes ? { skipped: 'too large' } : { text };
      }
      throw new Error(`unexpected request ${type.method}`);
    },
    sendDiagnostics: async (params: PublishDiagnosticsParams) => void published.set(params.uri, params),
    sendNotification: async (type: { method: string }, summary: WorkspaceSummary) => {
      if (type.method === WorkspaceSummaryNotification.method) summaries.push(summary);
    },
    console: { error: () => undefined, warn: (m: string) => void warnings.push(m), info: () => undefined },
    workspace: { getConfiguration: async () => [settings, undefined] },
  } as unknown as Connection;
  const snapshot = new FileSnapshot();
  const scan = new VirtualWorkspaceScan(connection, {
    engine,
    fileEngine: new FileEngine(allFileRules),
    resolver: new SettingsResolver([...allRules, ...allFileRules], snapshot),
    files: snapshot,
    environment: { isGitIgnored: () => undefined },
    canPullConfiguration: () => settings !== undefined,
    isOpen: () => false,
  });
  scan.setFolders([{ uri: root, name: 'shop' }]);
  await scan.start();
  await new Promise((resolve) => setTimeout(resolve, 80));
  scan.dispose();
  return { published, summary: summaries.at(-1)!, listed, read, warnings };
}

describe('VS Code for the Web: the scan of a virtual workspace', () => {
  it('reads the files the client lists and publishes their findings; the summary counts them', async () => {
    const { published, summary, read } = await scanOf({
      [`${root}/app/db.py`]: sql,
      [`${root}/app/safe.py`]: 'print("hello")\n',
      [`${root}/requirements.txt`]: 'flask\n',
    });
    assert.deepStrictEqual(
      published.get(`${root}/app/db.py`)?.diagnostics.map((d) => d.code),
      ['PSG101'],
    );
    assert.strictEqual(published.has(`${root}/app/safe.py`), false);
    assert.deepStrictEqual(
      published.get(`${root}/requirements.txt`)?.diagnostics.map((d) => d.code),
      ['PSG801'],
    );
    assert.strictEqual(summary.state, 'complete');
    assert.strictEqual(summary.pythonFiles, 2);
    assert.strictEqual(summary.counts.PSG101, 1);
    assert.deepStrictEqual(read.sort(), [`${root}/app/db.py`, `${root}/app/safe.py`, `${root}/requirements.txt`]);
  });

  it('applies the nearest pyproject.toml read from the workspace, and its exclude', async () => {
    const { published, read } = await scanOf({
      [`${root}/pyproject.toml`]: '[tool.python-security-guide]\nexclude = ["legacy/**"]\n',
      [`${root}/legacy/old.py`]: sql,
      [`${root}/svc/pyproject.toml`]: '[tool.python-security-guide.rules]\nPSG101 = "off"\n',
      [`${root}/svc/db.py`]: sql,
      [`${root}/app/db.py`]: sql,
    });
    assert.ok(!read.includes(`${root}/legacy/old.py`), 'an excluded file is not read');
    assert.strictEqual(published.get(`${root}/svc/db.py`)?.diagnostics.length ?? 0, 0, 'svc turns PSG101 off');
    assert.deepStrictEqual(
      published.get(`${root}/app/db.py`)?.diagnostics.map((d) => d.code),
      ['PSG101'],
    );
  });

  it('asks for at most the file limit, says when there were more, and skips files over the size limit', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < VIRTUAL_WORKSPACE_MAX_FILES + 5; i++)
      files[`${root}/pkg/m${String(i).padStart(5, '0')}.py`] = 'x = 1\n';
    files[`${root}/pkg/m00000.py`] = `${sql}# ${'x'.repeat(200)}\n`;
    const { listed, read, warnings, summary } = await scanOf(files, { maxFileSize: 100 });
    assert.strictEqual(listed[0].maxFiles, VIRTUAL_WORKSPACE_MAX_FILES);
    assert.strictEqual(read.length, VIRTUAL_WORKSPACE_MAX_FILES);
    assert.ok(
      warnings.some((w) => w.includes(`more than ${VIRTUAL_WORKSPACE_MAX_FILES} files`)),
      warnings.join('\n'),
    );
    // The one file over maxFileSize (100 bytes) was not analysed.
    assert.strictEqual(summary.counts.PSG101 ?? 0, 0);
    assert.ok(listed[0].exclude.includes('**/node_modules/**'));
  }).timeout(120_000);
});

describe('FileSnapshot: URIs as paths', () => {
  it('walks up a URI to its root', () => {
    const files = new FileSnapshot();
    assert.strictEqual(files.dirname(`${root}/app/db.py`), `${root}/app`);
    assert.strictEqual(files.dirname(`${root}/app`), root);
    assert.strictEqual(files.dirname(root), 'vscode-vfs://github/acme');
    assert.strictEqual(files.dirname('vscode-vfs://github/acme'), 'vscode-vfs://github/');
    assert.strictEqual(files.dirname('vscode-vfs://github/'), 'vscode-vfs://github/');
    assert.strictEqual(files.join(`${root}/app`, 'pyproject.toml'), `${root}/app/pyproject.toml`);
    files.set(`${root}/app/pyproject.toml`, '');
    assert.strictEqual(files.stat(`${root}/app`)?.isDirectory, true);
    assert.strictEqual(files.stat(`${root}/app/pyproject.toml`)?.isFile, true);
    assert.strictEqual(files.stat(`${root}/lib`), undefined);
  });
});

describe('filePathOf converts file: URIs as Node does', () => {
  const nodePath = (uri: string) => {
    try {
      return fileURLToPath(uri);
    } catch {
      return undefined;
    }
  };
  for (const uri of [
    'file:///tmp/app.py',
    'file:///tmp/a%20b/%C3%A9t%C3%A9.py',
    'file:///tmp/x%2Fy.py',
    'file://localhost/etc/app.py',
    'file://server/share/app.py',
    'file:///tmp/a.py#frag',
    'file:///tmp/a.py?query=1',
    'file:///C:/work/app.py',
    'file:///tmp/%E2%82%AC.py',
  ])
    it(uri, () => assert.strictEqual(filePathOf(uri), nodePath(uri)));

  it('other schemes and malformed URIs have no path', () => {
    assert.strictEqual(filePathOf('untitled:Untitled-1'), undefined);
    assert.strictEqual(filePathOf(`${root}/app.py`), undefined);
    assert.strictEqual(filePathOf('file://%zz'), undefined);
  });
});

describe('fileUriOf converts file paths as Node does', () => {
  for (const file of [
    '/tmp/a b.py',
    '/tmp/é.py',
    '/tmp/a#b?c.py',
    '/tmp/50%.py',
    '/tmp/back\\slash.py',
    '/tmp/x[1]{2}.py',
  ])
    it(file, () => assert.strictEqual(fileUriOf(file), pathToFileURL(file).href));
});
