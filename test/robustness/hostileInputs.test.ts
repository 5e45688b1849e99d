import * as assert from 'assert';
import { execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { defaultSettings } from '../../server/src/config/settings';
import { Engine } from '../../server/src/engine/engine';
import { allRules } from '../../server/src/rules';
import { findPythonFiles } from '../../server/src/workspace/files';
import { Scanner } from '../../server/src/workspace/scanner';
import { LspClient } from '../support/lspServerProcess';
import { testEngine } from '../support/engine';
import { repositoryRoot } from './corpus';

// Every hostile input is run through the real CLI (dist/cli.js) and the real language server
// (dist/server.js). Time is bounded by mocha's timeouts, not asserted; the measured times are
// written to .test-output/hostile-inputs.json for the record.

const CLI = path.join(repositoryRoot, 'dist', 'cli.js');
const finding =
  'import sqlite3\ndef delete(conn, user_id):\n    conn.execute("DELETE FROM users WHERE id = " + user_id)\n';
const MB = 1024 * 1024;

function largeFile(bytes: number): string {
  const block = `${finding}\n\ndef helper(items):\n    total = 0\n    for item in items:\n        if item and item.value > 3:\n            total += item.value * 2\n    return {"total": total, "names": [i.name for i in items]}\n\n\n`;
  return block.repeat(Math.ceil(bytes / block.length));
}

/** name → bytes on disk; `text` is what an editor would hand the server for it. */
const inputs: { name: string; bytes: Buffer; text?: string; cliSkipped?: RegExp; findings?: number; line?: number }[] =
  [
    { name: 'empty.py', bytes: Buffer.alloc(0), findings: 0 },
    {
      name: 'ten-megabytes.py',
      bytes: Buffer.from(largeFile(10 * MB)),
      cliSkipped: /larger than the 5 MB size limit \(10(\.\d)? MB\)/,
    },
    {
      name: 'one-megabyte-line.py',
      bytes: Buffer.from(`x = "${'a'.repeat(MB)}" + user_id; cur.execute("SELECT * FROM t WHERE a = " + user_id)\n`),
      findings: 1,
    },
    {
      name: 'nested-5000.py',
      bytes: Buffer.from(
        `x = ${'('.repeat(2500)}${'[{'.repeat(1250)}1${'}]'.repeat(1250)}${')'.repeat(2500)}\n${finding}`,
      ),
      findings: 1,
    },
    { name: 'nested-5000-unclosed.py', bytes: Buffer.from(`${finding}x = ${'(['.repeat(2500)}\n`) },
    {
      name: 'nul-bytes.py',
      bytes: Buffer.from(`${finding}x = "\0\0"\n`),
      cliSkipped: /binary file \(contains NUL bytes\)/,
    },
    {
      name: 'invalid-utf8.py',
      bytes: Buffer.concat([Buffer.from('# \xff\xfe\xc0\x80 bad bytes\n', 'latin1'), Buffer.from(finding)]),
      findings: 1,
    },
    {
      name: 'lone-surrogate.py',
      bytes: Buffer.concat([
        Buffer.from('s = "'),
        Buffer.from([0xed, 0xa0, 0x80]),
        Buffer.from('"\n'),
        Buffer.from(finding),
      ]),
      text: `s = "\ud800"\n${finding}`,
      findings: 1,
    },
    {
      name: 'bom.py',
      bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(finding)]),
      findings: 1,
      line: 3,
    },
    { name: 'crlf.py', bytes: Buffer.from(finding.replace(/\n/g, '\r\n')), findings: 1, line: 3 },
    { name: 'lone-cr.py', bytes: Buffer.from(finding.replace(/\n/g, '\r')), findings: 1, line: 3 },
    {
      name: 'tabs-and-spaces.py',
      bytes: Buffer.from(
        'import sqlite3\ndef delete(conn, user_id):\n\tif user_id:\n\t    conn.execute("DELETE FROM users WHERE id = " + user_id)\n        \treturn 1\n',
      ),
    },
    {
      name: 'python2.py',
      bytes: Buffer.from(
        'print "hello"\nexec "code"\ntry:\n    pass\nexcept Exception, e:\n    print `e`\nconn.execute("DELETE FROM users WHERE id = %s" % user_id)\n',
      ),
    },
    {
      name: 'not-python.py',
      bytes: Buffer.from(
        '<!doctype html>\n<html><body><script>var x = {"a": [1, 2,</script>\n---\ntitle: "yaml"\n{"json": true}\n',
      ),
    },
    {
      name: 'binary.py',
      bytes: Buffer.from([
        0x89,
        0x50,
        0x4e,
        0x47,
        0x0d,
        0x0a,
        0x1a,
        0x0a,
        0,
        0,
        0,
        0x0d,
        ...Array.from({ length: 4096 }, (_, i) => (i * 131 + 7) % 256),
      ]),
      cliSkipped: /binary file/,
    },
  ];

interface Timing {
  input: string;
  cliMs?: number;
  serverMs?: number;
  outcome: string;
}
const timings: Timing[] = [];

function record(input: string, key: 'cliMs' | 'serverMs', ms: number, outcome: string): void {
  let entry = timings.find((t) => t.input === input);
  if (!entry) timings.push((entry = { input, outcome }));
  entry[key] = Math.round(ms);
  if (key === 'cliMs') entry.outcome = outcome;
}

function runCli(
  args: string[],
  options: { uid?: number; gid?: number } = {},
): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: performance.now() - started }));
  });
}

function assertNoCrash(result: { code: number | null; stderr: string }): void {
  assert.ok(result.code === 0 || result.code === 1 || result.code === 2, `exit code ${result.code}`);
  assert.ok(!/\n\s+at /.test(result.stderr), `stack trace on stderr:\n${result.stderr}`);
}

describe('hostile inputs', function () {
  this.timeout(240_000);
  let dir: string;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'psg-hostile-'));
    for (const input of inputs) fs.writeFileSync(path.join(dir, input.name), input.bytes);
  });

  after(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(path.join(repositoryRoot, '.test-output'), { recursive: true });
    fs.writeFileSync(
      path.join(repositoryRoot, '.test-output', 'hostile-inputs.json'),
      `${JSON.stringify(timings, null, 2)}\n`,
    );
  });

  describe('CLI', () => {
    for (const input of inputs) {
      it(`${input.name}: no crash${input.cliSkipped ? ', skipped with the reason' : ''}`, async () => {
        const result = await runCli(['scan', '--format', 'json', path.join(dir, input.name)]);
        assertNoCrash(result);
        const report = JSON.parse(result.stdout) as {
          findings: { ruleId: string; line: number }[];
          skipped: { reason: string }[];
          errors: unknown[];
        };
        assert.deepStrictEqual(report.errors, [], 'no rule failed and nothing was unreadable');
        if (input.cliSkipped) {
          assert.strictEqual(report.skipped.length, 1);
          assert.match(report.skipped[0].reason, input.cliSkipped);
        } else assert.deepStrictEqual(report.skipped, []);
        if (input.findings !== undefined)
          assert.strictEqual(report.findings.length, input.findings, JSON.stringify(report.findings));
        if (input.line !== undefined) assert.strictEqual(report.findings[0].line, input.line);
        record(
          input.name,
          'cliMs',
          result.ms,
          input.cliSkipped ? `skipped: ${report.skipped[0].reason}` : `${report.findings.length} finding(s)`,
        );
      });
    }

    it('the text report says why a file is skipped', async () => {
      const result = await runCli(['scan', path.join(dir, 'ten-megabytes.py'), path.join(dir, 'binary.py')]);
      assertNoCrash(result);
      assert.match(result.stdout, /ten-megabytes\.py: skipped: larger than the 5 MB size limit/);
      assert.match(result.stdout, /binary\.py: skipped: binary file \(contains NUL bytes\)/);
    });

    it('a 10 MB file is scanned, in bounded time, when the size limit is raised', async function () {
      this.timeout(900_000);
      const result = await runCli([
        'scan',
        '--format',
        'json',
        '--max-file-size',
        String(16 * MB),
        path.join(dir, 'ten-megabytes.py'),
      ]);
      assertNoCrash(result);
      const report = JSON.parse(result.stdout) as { findings: unknown[]; skipped: unknown[] };
      assert.deepStrictEqual(report.skipped, []);
      assert.ok(report.findings.length > 10_000, `${report.findings.length} findings`);
      record('ten-megabytes.py (--max-file-size 16 MB)', 'cliMs', result.ms, `${report.findings.length} findings`);
    });

    it('an unreadable file: permission denied, reported, the rest scanned', async function () {
      const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'psg-unreadable-'));
      fs.chmodSync(folder, 0o755);
      fs.writeFileSync(path.join(folder, 'secret.py'), finding);
      fs.writeFileSync(path.join(folder, 'ok.py'), finding);
      fs.chmodSync(path.join(folder, 'ok.py'), 0o644);
      fs.chmodSync(path.join(folder, 'secret.py'), 0o000);
      try {
        // chmod 000 does not stop root: when the tests run as root, the CLI runs as `nobody`.
        const asRoot = process.getuid?.() === 0;
        const result = await runCli(['scan', '--format', 'json', folder], asRoot ? { uid: 65534, gid: 65534 } : {});
        assertNoCrash(result);
        const report = JSON.parse(result.stdout) as {
          findings: { file: string }[];
          skipped: unknown[];
          errors: { file: string; reason: string }[];
        };
        // A file that could not be read is an error (exit 2, the file named), not a file skipped by choice.
        assert.deepStrictEqual(
          report.errors.map((s) => [path.basename(s.file), s.reason]),
          [['secret.py', 'cannot read (permission denied)']],
        );
        assert.deepStrictEqual(report.skipped, []);
        assert.strictEqual(result.code, 2);
        assert.deepStrictEqual(
          report.findings.map((f) => path.basename(f.file)),
          ['ok.py'],
        );
        record('unreadable file (chmod 000, read as nobody)', 'cliMs', result.ms, 'error: permission denied');
      } finally {
        fs.rmSync(folder, { recursive: true, force: true });
      }
    });

    it('a FIFO named .py and a FIFO pyproject.toml: never read (reading would block forever)', async () => {
      const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'psg-fifo-'));
      try {
        execFileSync('mkfifo', [path.join(folder, 'pipe.py'), path.join(folder, 'pyproject.toml')]);
        fs.writeFileSync(path.join(folder, 'ok.py'), finding);
        const inFolder = await runCli(['scan', '--format', 'json', folder]);
        assertNoCrash(inFolder);
        const report = JSON.parse(inFolder.stdout) as { findings: unknown[]; errors: unknown[] };
        assert.strictEqual(report.findings.length, 1);
        assert.match(inFolder.stderr, /pyproject\.toml: cannot read \(not a regular file\)/);
        const explicit = await runCli(['scan', path.join(folder, 'pipe.py')]);
        assertNoCrash(explicit);
        assert.match(explicit.stdout, /pipe\.py: error: not a regular file/);
        record(
          'FIFO .py and FIFO pyproject.toml',
          'cliMs',
          inFolder.ms + explicit.ms,
          'error: not a regular file; config ignored with a warning',
        );
      } finally {
        fs.rmSync(folder, { recursive: true, force: true });
      }
    });

    it('symbolic link loops: reported, not followed', async () => {
      const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'psg-loop-'));
      try {
        fs.symlinkSync('loop.py', path.join(folder, 'loop.py'));
        fs.symlinkSync('b.py', path.join(folder, 'a.py'));
        fs.symlinkSync('a.py', path.join(folder, 'b.py'));
        fs.mkdirSync(path.join(folder, 'sub'));
        fs.symlinkSync('..', path.join(folder, 'sub', 'up'));
        fs.writeFileSync(path.join(folder, 'sub', 'ok.py'), finding);
        const result = await runCli(['scan', '--format', 'json', folder]);
        assertNoCrash(result);
        const report = JSON.parse(result.stdout) as {
          findings: { file: string }[];
          errors: { file: string; reason: string }[];
        };
        assert.strictEqual(report.findings.length, 1);
        assert.deepStrictEqual(report.errors.map((e) => [path.basename(e.file), e.reason]).sort(), [
          ['a.py', 'too many levels of symbolic links'],
          ['b.py', 'too many levels of symbolic links'],
          ['loop.py', 'too many levels of symbolic links'],
        ]);
        record('symbolic link loops', 'cliMs', result.ms, 'error: too many levels of symbolic links');
      } finally {
        fs.rmSync(folder, { recursive: true, force: true });
      }
    });

    it('a file deleted during a scan (between listing and reading): skipped with the reason', async () => {
      const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'psg-deleted-'));
      try {
        for (const name of ['a.py', 'b.py', 'c.py']) fs.writeFileSync(path.join(folder, name), finding);
        const { parser } = await testEngine();
        const scanner = new Scanner(parser, new Engine(parser, allRules));
        const walk = findPythonFiles([folder], [], folder);
        assert.strictEqual(walk.files.length, 3);
        const results = walk.files.map((file, i) => {
          if (i === 0) fs.rmSync(path.join(folder, 'b.py'));
          return scanner.scanFile(file, defaultSettings);
        });
        assert.deepStrictEqual(
          results.map((r) => ('skipped' in r ? r.skipped : r.findings.length)),
          [1, 'cannot read (no such file or directory)', 1],
        );
      } finally {
        fs.rmSync(folder, { recursive: true, force: true });
      }
    });
  });

  describe('language server', () => {
    let server: LspClient;
    before(async () => {
      server = await LspClient.start();
    });
    after(async () => {
      await server?.stop();
    });

    for (const input of inputs) {
      it(`${input.name}: diagnostics published, the server keeps answering`, async () => {
        const uri = pathToFileURL(path.join(dir, input.name)).href;
        const text = input.text ?? new TextDecoder('utf-8').decode(input.bytes);
        const started = performance.now();
        await server.open(uri, text, 1);
        const diagnostics = await server.diagnostics(uri, 1);
        const ms = performance.now() - started;
        assert.ok(server.alive, server.serverStderr);
        if (input.name === 'ten-megabytes.py') {
          assert.deepStrictEqual(diagnostics, []);
          const skips = server.messages.filter((m) => m.message.includes(`skipped ${uri}`));
          assert.strictEqual(skips.length, 1);
          assert.match(
            skips[0].message,
            /larger than the 5 MB size limit \(10(\.\d)? MB\); raise pythonSecurityGuide\.maxFileSize/,
          );
        } else if (input.findings !== undefined)
          assert.strictEqual(diagnostics.length, input.findings, JSON.stringify(diagnostics));
        if (input.line !== undefined) assert.strictEqual(diagnostics[0].range.start.line, input.line - 1);
        // One more edit and a request: the server still works on the same document.
        await server.change(uri, 2, [
          { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '#\n' },
        ]);
        await server.diagnostics(uri, 2);
        assert.ok(Array.isArray(await server.codeActions(uri, diagnostics)));
        await server.close(uri);
        assert.strictEqual(
          server.messages.filter((m) => m.message.includes(`skipped ${uri}`)).length,
          input.name === 'ten-megabytes.py' ? 1 : 0,
          'one message per skipped document',
        );
        record(input.name, 'serverMs', ms, '');
        assert.ok(
          !/failed/.test(server.messages.map((m) => m.message).join('\n')),
          server.messages.map((m) => m.message).join('\n'),
        );
      });
    }

    it('pythonSecurityGuide.maxFileSize is a setting: a lowered limit skips a small file, once, with the reason', async () => {
      const limited = await LspClient.start({ settings: () => ({ maxFileSize: 100 }) });
      try {
        const uri = pathToFileURL(path.join(dir, 'crlf.py')).href;
        await limited.open(uri, finding, 1);
        assert.deepStrictEqual(await limited.diagnostics(uri, 1), []);
        await limited.change(uri, 2, [
          { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '#\n' },
        ]);
        assert.deepStrictEqual(await limited.diagnostics(uri, 2), []);
        const skips = limited.messages.filter((m) => m.message.startsWith(`skipped ${uri}`));
        assert.deepStrictEqual(
          skips.map((m) => m.message),
          [
            `skipped ${uri}: larger than the 100 B size limit (${Buffer.byteLength(finding)} B); raise pythonSecurityGuide.maxFileSize to analyse it`,
          ],
        );
      } finally {
        await limited.stop();
      }
    });

    it('a FIFO, a directory or a link loop as pyproject.toml beside the file: defaults, one warning, no hang', async () => {
      for (const kind of ['fifo', 'directory', 'loop'] as const) {
        const folder = fs.mkdtempSync(path.join(os.tmpdir(), `psg-config-${kind}-`));
        try {
          const config = path.join(folder, 'pyproject.toml');
          if (kind === 'fifo') execFileSync('mkfifo', [config]);
          else if (kind === 'directory') fs.mkdirSync(config);
          else fs.symlinkSync('pyproject.toml', config);
          const uri = pathToFileURL(path.join(folder, 'app.py')).href;
          await server.open(uri, finding, 1);
          const diagnostics = await server.diagnostics(uri, 1);
          assert.strictEqual(diagnostics.length, 1, kind);
          await server.close(uri);
        } finally {
          fs.rmSync(folder, { recursive: true, force: true });
        }
      }
      assert.ok(server.alive);
      assert.ok(server.messages.some((m) => /pyproject\.toml: cannot read \(not a regular file\)/.test(m.message)));
    });
  });
});
