import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { MarkupContent } from 'vscode-languageserver-protocol';
import { HoverRequest, WorkDoneProgressCancelNotification } from 'vscode-languageserver-protocol/node';
import {
  RescanWorkspaceRequest,
  WorkspaceSummary,
  WorkspaceSummaryNotification,
} from '../../server/src/shared/workspaceSummary';
import { LspTestClient } from '../support/lspClient';

const SUMMARY = WorkspaceSummaryNotification.method;

const insecureSql =
  'import sqlite3\n\ndef find(conn, name):\n    return conn.execute(f"SELECT * FROM users WHERE name = \'{name}\'")\n';
const insecureLog =
  'import logging\n\nlog = logging.getLogger(__name__)\n\ndef connect(password):\n    log.info(f"connecting with {password}")\n';
const clean = 'import flask\n\ndef hello():\n    return "hello"\n';

/** A workspace folder on disk; none of its files is opened by the test client unless a test says so. */
function makeWorkspace(files: Record<string, string>): { root: string; uri: (relative: string) => string } {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'psg-workspace-')));
  for (const [relative, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    fs.writeFileSync(path.join(root, relative), text);
  }
  return { root, uri: (relative) => pathToFileURL(path.join(root, relative)).toString() };
}

describe('workspace scan (language server over stdio)', function () {
  this.timeout(60000);
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function startOn(files: Record<string, string>, settings?: Record<string, unknown>) {
    const workspace = makeWorkspace(files);
    cleanups.push(() => fs.rmSync(workspace.root, { recursive: true, force: true }));
    const server = await LspTestClient.start({
      rootUri: pathToFileURL(workspace.root).toString(),
      settings,
      record: [SUMMARY],
      progress: true,
    });
    cleanups.push(() => server.stop());
    return { server, workspace };
  }

  const completeSummary = (server: LspTestClient) => () =>
    server
      .notificationsOf<WorkspaceSummary>(SUMMARY)
      .filter((s) => s.state === 'complete')
      .at(-1);
  /** A summary sent after the `from`-th recorded notification that satisfies `accept`. */
  const summaryAfter = (server: LspTestClient, from: number, accept: (summary: WorkspaceSummary) => boolean) => () =>
    server.notificationsOf<WorkspaceSummary>(SUMMARY, from).find(accept);

  it('publishes diagnostics for files that are not open and sends the checklist summary', async () => {
    const { server, workspace } = await startOn({
      'app/db.py': insecureSql,
      'app/auth/login.py': insecureLog,
      'app/clean.py': clean,
      '.venv/lib/site.py': insecureSql,
      'node_modules/pkg/x.py': insecureSql,
      '.git/hooks/h.py': insecureSql,
      'env/pyvenv.cfg': 'home = /usr/bin\n',
      'env/lib/bad.py': insecureSql,
    });
    const summary = await server.waitFor('a complete workspace summary', completeSummary(server));
    assert.strictEqual(summary.pythonFiles, 3, 'virtualenvs, node_modules and .git are skipped');
    assert.deepStrictEqual(summary.counts, { PSG101: 1, PSG201: 1 });
    assert.strictEqual(
      summary.bySeverity.error + summary.bySeverity.warning + summary.bySeverity.information + summary.bySeverity.hint,
      2,
    );
    assert.deepStrictEqual(
      summary.findings.map((f) => [f.uri, f.ruleId, f.range.start.line]),
      [
        [workspace.uri('app/auth/login.py'), 'PSG201', 5],
        [workspace.uri('app/db.py'), 'PSG101', 3],
      ],
    );
    assert.ok(
      summary.modules.includes('sqlite3') && summary.modules.includes('logging') && summary.modules.includes('flask'),
      summary.modules.join(','),
    );
    assert.ok(summary.rules.some((rule) => rule.id === 'PSG101' && rule.checklistItem === 'sql-parameterized'));
    assert.strictEqual(summary.truncated, false);

    const db = await server.waitFor('diagnostics for db.py', () => server.lastPublished(workspace.uri('app/db.py')));
    assert.deepStrictEqual(
      db.diagnostics.map((d) => d.code),
      ['PSG101'],
    );
    const login = await server.waitFor('diagnostics for login.py', () =>
      server.lastPublished(workspace.uri('app/auth/login.py')),
    );
    assert.deepStrictEqual(
      login.diagnostics.map((d) => d.code),
      ['PSG201'],
    );
    assert.strictEqual(server.publishedUris().includes(workspace.uri('.venv/lib/site.py')), false);
    assert.strictEqual(server.publishedUris().includes(workspace.uri('env/lib/bad.py')), false);

    // Progress was begun (cancellable) and ended.
    assert.strictEqual(server.progress[0]?.value.kind, 'begin');
    assert.strictEqual(server.progress[0].value.cancellable, true);
    await server.waitFor('progress end', () => server.progress.some((p) => p.value.kind === 'end'));
  });

  it('keeps results current from file-change events', async () => {
    const { server, workspace } = await startOn({ 'db.py': insecureSql, 'other.py': clean });
    await server.waitFor('first summary', completeSummary(server));
    fs.writeFileSync(path.join(workspace.root, 'db.py'), clean);
    fs.writeFileSync(path.join(workspace.root, 'new.py'), insecureLog);
    const before = server.notifications.length;
    await server.filesChanged([
      { uri: workspace.uri('db.py'), type: 2 },
      { uri: workspace.uri('new.py'), type: 1 },
    ]);
    const updated = await server.waitFor(
      'summary after the change',
      summaryAfter(server, before, (s) => s.counts.PSG201 === 1 && !s.counts.PSG101),
    );
    assert.strictEqual(updated.pythonFiles, 3);
    await server.waitFor('db.py cleared', () => server.lastPublished(workspace.uri('db.py'))?.diagnostics.length === 0);
    fs.rmSync(path.join(workspace.root, 'new.py'));
    const mark = server.notifications.length;
    await server.filesChanged([{ uri: workspace.uri('new.py'), type: 3 }]);
    const afterDelete = await server.waitFor(
      'summary after the delete',
      summaryAfter(server, mark, (s) => s.pythonFiles === 2),
    );
    assert.deepStrictEqual(afterDelete.counts, {});
    await server.waitFor(
      'new.py cleared',
      () => server.lastPublished(workspace.uri('new.py'))?.diagnostics.length === 0,
    );
  });

  it('respects files.exclude, pythonSecurityGuide.exclude and the setting that keeps closed files out of Problems', async () => {
    const { server, workspace } = await startOn(
      { 'generated/a.py': insecureSql, 'vendor/b.py': insecureSql, 'src/c.py': insecureSql },
      {
        'files.exclude': { '**/generated': true, '**/ignored': false },
        pythonSecurityGuide: { exclude: ['vendor/**'], workspaceScan: { problems: false } },
      },
    );
    const summary = await server.waitFor('a complete summary', completeSummary(server));
    assert.strictEqual(summary.pythonFiles, 1);
    assert.deepStrictEqual(
      summary.findings.map((f) => f.uri),
      [workspace.uri('src/c.py')],
    );
    // The checklist still sees the finding, but nothing is published for the closed file.
    await server.connection.sendRequest(RescanWorkspaceRequest);
    await server.waitFor(
      'a second complete summary',
      () => server.notificationsOf<WorkspaceSummary>(SUMMARY).filter((s) => s.state === 'complete').length >= 2,
    );
    assert.deepStrictEqual(server.publishedUris(), []);
  });

  it('uses the editor buffer for open files, answers hover on a finding, and rereads the disk on close', async () => {
    const { server, workspace } = await startOn({ 'db.py': insecureSql });
    await server.waitFor('first summary', completeSummary(server));
    const uri = workspace.uri('db.py');
    const mark = server.notifications.length;
    const buffer = `${insecureSql}${insecureLog}`;
    await server.open(uri, buffer);
    await server.waitFor(
      'summary with the buffer',
      summaryAfter(server, mark, (s) => s.counts.PSG201 === 1 && s.counts.PSG101 === 1 && s.pythonFiles === 1),
    );

    const hover = await server.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position: { line: 3, character: 30 },
    });
    assert.ok(hover, 'a hover on the SQL finding');
    const markdown = (hover.contents as MarkupContent).value;
    assert.match(markdown, /PSG101/);
    assert.match(markdown, /Use instead/);
    assert.match(markdown, /cwe\.mitre\.org\/data\/definitions\/89\.html/);
    assert.match(markdown, /docs\/rules\/PSG101\.md/);
    const none = await server.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position: { line: 0, character: 0 },
    });
    assert.strictEqual(none, null);

    const closeMark = server.notifications.length;
    await server.close(uri);
    await server.waitFor(
      'summary from disk again',
      summaryAfter(server, closeMark, (s) => s.counts.PSG101 === 1 && !s.counts.PSG201),
    );
    await server.waitFor(
      'disk diagnostics republished',
      () =>
        server
          .lastPublished(uri)
          ?.diagnostics.map((d) => d.code)
          .join() === 'PSG101',
    );
  });

  it('stops when the progress is cancelled and says so in the summary', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 1500; i++) files[`pkg${i % 10}/m${i}.py`] = clean;
    const { server } = await startOn(files);
    const begin = await server.waitFor('progress begin', () => server.progress.find((p) => p.value.kind === 'begin'));
    await server.connection.sendNotification(WorkDoneProgressCancelNotification.type, { token: begin.token });
    const summary = await server.waitFor('the final summary', () =>
      server.notificationsOf<WorkspaceSummary>(SUMMARY).find((s) => s.state !== 'scanning'),
    );
    assert.strictEqual(summary.state, 'cancelled');
    assert.ok(summary.pythonFiles < 1500, `${summary.pythonFiles} files scanned after the cancel`);
    await server.waitFor('progress end', () => server.progress.some((p) => p.value.kind === 'end'));
  });

  it('sends an empty summary for a workspace without Python files', async () => {
    const { server } = await startOn({ 'README.md': '# nothing here\n' });
    const summary = await server.waitFor('a complete summary', completeSummary(server));
    assert.strictEqual(summary.pythonFiles, 0);
    assert.deepStrictEqual(summary.findings, []);
  });

  it('scans requirements*.txt, pyproject.toml and .env files of the workspace with the file rules', async () => {
    const { server, workspace } = await startOn({
      '.git/HEAD': 'ref: refs/heads/main\n',
      'app/clean.py': clean,
      'requirements.txt': 'flask==3.0.0\nrequests\n',
      'pyproject.toml': '[project]\nname = "app"\ndependencies = ["click>=8,<9"]\n',
      '.env': 'API_KEY=abc123\n',
      '.env.example': 'API_KEY=\n',
    });
    const summary = await server.waitFor('a complete workspace summary', completeSummary(server));
    assert.strictEqual(summary.pythonFiles, 1, 'only Python files count as Python files');
    assert.strictEqual(summary.dependencyManifests, 2, 'requirements.txt and pyproject.toml were audited');
    assert.deepStrictEqual(summary.findings.map((f) => [f.uri, f.ruleId, f.range.start.line]).sort(), [
      [workspace.uri('.env'), 'PSG802', 0],
      [workspace.uri('requirements.txt'), 'PSG801', 1],
    ]);
    const requirements = await server.waitFor('diagnostics for requirements.txt', () =>
      server.lastPublished(workspace.uri('requirements.txt')),
    );
    assert.deepStrictEqual(
      requirements.diagnostics.map((d) => d.code),
      ['PSG801'],
    );
  });
});
