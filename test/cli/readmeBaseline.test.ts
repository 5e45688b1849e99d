import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const root = path.join(__dirname, '..', '..');
const cli = path.join(root, 'dist', 'cli.js');

/** The README's baseline example: the file, the code added to it, and the sessions with their output. */
function example(): { initial: string; added: string; sessions: string[] } {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const start = readme.indexOf("### In CI: accept today's findings, fail on new ones");
  assert.ok(start >= 0, 'README has the baseline example');
  const section = readme.slice(start, readme.indexOf('\n## ', start));
  const blocks = [...section.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((m) => ({ language: m[1], code: m[2] }));
  const python = blocks.filter((b) => b.language === 'python').map((b) => b.code);
  const sessions = blocks.filter((b) => b.language === 'console').map((b) => b.code);
  assert.strictEqual(python.length, 2);
  assert.strictEqual(sessions.length, 2);
  return { initial: python[0], added: python[1], sessions };
}

/** Runs each `$ command` of a console session and compares what it prints with the lines under it. */
function replay(session: string, cwd: string, bin: string): void {
  const commands = session.split(/^\$ /m).filter(Boolean);
  let status = 0;
  for (const entry of commands) {
    const [command, ...expected] = entry.split('\n');
    const printed = expected.join('\n');
    if (command === 'echo $?') {
      assert.strictEqual(`${status}\n`, printed);
      continue;
    }
    const result = spawnSync('bash', ['-c', command], {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}`, NO_COLOR: '1' },
    });
    status = result.status ?? -1;
    assert.strictEqual(result.stdout, printed, `the output of \`${command}\` as the README shows it`);
  }
}

describe("README's baseline example", function () {
  this.timeout(120000);

  it('the commands print what the README shows: only the new vulnerability is reported', () => {
    assert.ok(fs.existsSync(cli), 'dist/ is missing: npm run build');
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'psg-bin-'));
    fs.writeFileSync(path.join(bin, 'python-security-guide'), `#!/bin/sh\nexec '${process.execPath}' '${cli}' "$@"\n`);
    fs.chmodSync(path.join(bin, 'python-security-guide'), 0o755);
    const project = fs.mkdtempSync(path.join(os.tmpdir(), 'psg-readme-'));
    const { initial, added, sessions } = example();
    fs.writeFileSync(path.join(project, 'app.py'), initial);
    replay(sessions[0], project, bin);
    const anchor = '@app.route("/users")';
    assert.ok(initial.includes(anchor));
    fs.writeFileSync(path.join(project, 'app.py'), initial.replace(anchor, `${added}${anchor}`));
    replay(sessions[1], project, bin);
  });
});
