// Runs the mocha suite in test/vscode/suite inside the extension host of a real VS Code
// (code-server, provisioned on first use) with this folder as the extension under development.
// The fixture workspace is copied into the run folder, so the tests may edit and save it.
//
//   node scripts/vscode/run-extension-tests.mjs          (PSG_VSCODE_GREP=pattern to run a subset)
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { createRunFolder, exitWith, startSession, withTimeout, workbenchUrl } from './harness.mjs';
import { provision, root } from './provision.mjs';

const TIMEOUT_MS = Number(process.env.PSG_VSCODE_TIMEOUT_MS ?? 300_000);

function compileSuite() {
  // From scratch, so that a deleted test file leaves no compiled copy behind for the runner to load.
  fs.rmSync(path.join(root, 'out', 'test', 'vscode'), { recursive: true, force: true });
  const result = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', path.join(root, 'test', 'vscode')],
    { stdio: 'inherit', cwd: root },
  );
  if (result.status !== 0) throw new Error('compiling test/vscode failed');
}

async function main() {
  const started = Date.now();
  provision();
  const provisioned = Date.now();
  if (!fs.existsSync(path.join(root, 'dist', 'extension.js')))
    throw new Error('dist/extension.js is missing: run `npm run build` first');
  compileSuite();
  const folders = createRunFolder('extension-tests');
  const workspace = path.join(folders.dir, 'workspace');
  fs.cpSync(path.join(root, 'test', 'vscode', 'fixtures', 'workspace'), workspace, { recursive: true });
  const testsModule = path.join(root, 'out', 'test', 'vscode', 'suite', 'index.js');

  // The suite writes mocha's report to this file (the extension host runs on this machine);
  // the workbench's console, with everything else it logged, goes to browser-console.log.
  const report = path.join(folders.dir, 'mocha-report.txt');
  const env = { PSG_VSCODE_REPORT: report };
  if (process.env.PSG_VSCODE_GREP) env.PSG_VSCODE_GREP = process.env.PSG_VSCODE_GREP;
  const session = await startSession(folders, { smokeTestDriver: true, env });
  let exitCode = 1;
  try {
    const page = await session.browser.newPage();
    const remote = (file) => `vscode-remote://${session.authority}${file}`;
    const exited = new Promise((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code) => resolve(Number(code)));
    });
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const text = (Array.isArray(args) ? args : [args])
        .map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg)))
        .join(' ');
      (type === 'error' ? process.stderr : process.stdout).write(`${text}\n`);
    });
    const consoleLog = fs.openSync(path.join(folders.dir, 'browser-console.log'), 'w');
    page.on('console', (message) => fs.writeSync(consoleLog, `[${message.type()}] ${message.text()}\n`));
    page.on('pageerror', (error) => fs.writeSync(consoleLog, `[page error] ${error.message}\n`));
    const payload = [
      ['extensionDevelopmentPath', remote(root)],
      ['extensionTestsPath', remote(testsModule)],
      ['skipWelcome', 'true'],
    ];
    await page.goto(workbenchUrl(session, workspace, payload));
    exitCode = await withTimeout(TIMEOUT_MS, 'the extension tests', () => exited);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    exitCode = 1;
  } finally {
    await session.close();
  }
  if (fs.existsSync(report)) process.stdout.write(fs.readFileSync(report, 'utf8'));
  else
    process.stderr.write(
      'the suite wrote no report: it did not run (see browser-console.log and code-server.log in the run folder)\n',
    );
  const seconds = (ms) => (ms / 1000).toFixed(1);
  process.stdout.write(
    `\nreal-editor extension tests: exit ${exitCode} in ${seconds(Date.now() - started)} s (provisioning check ${seconds(provisioned - started)} s); logs in ${path.relative(root, folders.dir)}\n`,
  );
  return exitCode;
}

exitWith(main);
